using StuyfBot.Dialogs.Timers;

namespace StuyfBot.Dialogs.Sessions;

/// <summary>
/// What the live session card shows: a projection of the session head and its records (pitches,
/// answers, notes). The Bot builds it from what it loaded; Cards renders it.
/// </summary>
public sealed record SessionView(Session Session)
{
    /// <summary>The session's records, folded (none: the card shows no pitches).</summary>
    public SessionRecords Records { get; init; } = SessionRecords.Empty;

    /// <summary>The timer settings in use (the card names the extension: "+2 minuten").</summary>
    public TimerSettings Timers { get; init; } = TimerSettings.Default;

    /// <summary>
    /// True when the view carries the session's records, so the card can show the pitch round and
    /// its buttons. A view without them (the bot before the round is wired) shows no round buttons
    /// that nothing would answer.
    /// </summary>
    public bool WithRound { get; init; }

    public static SessionView Of(Session session, SessionRecords records) => new(session) { Records = records, WithRound = true };
}

/// <summary>Who a card is rendered for: everyone (the posted card) or one person (a refresh).</summary>
public sealed record SessionViewer(string? PersonKey)
{
    /// <summary>The shared card: only the buttons anyone may use.</summary>
    public static SessionViewer Everyone { get; } = new((string?)null);

    public static SessionViewer For(string personKey) => new(personKey);
}
