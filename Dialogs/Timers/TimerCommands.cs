using StuyfBot.Dialogs.Pitches;

namespace StuyfBot.Dialogs.Timers;

public enum TimerControl
{
    Start,
    Pause,
    Resume,

    /// <summary>"+2 minuten".</summary>
    Extend,
    Stop,
}

/// <summary>The timekeeper's (or the moderator's) control of the current pitch's timer.</summary>
public sealed record ControlTimer(TimerControl Control) : RoundCommand;
