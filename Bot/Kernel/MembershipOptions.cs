namespace StuyfBot.Bot.Kernel;

/// <summary>
/// How long a group's roster is trusted (configuration section "Pitches:Membership"), e.g.
/// <c>Pitches__Membership__CacheFor=00:05:00</c>.
/// </summary>
public sealed class MembershipOptions
{
    public const string Section = "Pitches:Membership";

    /// <summary>A roster read this recently answers "is this person a member?" without asking Teams again.</summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Someone not on a cached roster may have just joined the group: a roster older than this is
    /// read again before they are refused. Bounds how often one stranger makes the bot ask Teams.
    /// </summary>
    public TimeSpan RecheckAfter { get; set; } = TimeSpan.FromSeconds(15);
}
