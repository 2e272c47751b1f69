namespace StuyfBot.Bot.Kernel;

/// <summary>Sessions settings (configuration section "Sessions").</summary>
public sealed class SessionOptions
{
    public const string Section = "Sessions";

    /// <summary>
    /// The shortest time between two updates of one live card. Changes in between are folded
    /// into the next update, so a burst of check-ins stays within Teams' per-conversation limits.
    /// </summary>
    public TimeSpan CardUpdateInterval { get; set; } = TimeSpan.FromSeconds(1);
}
