namespace StuyfBot.Dialogs.Sessions;

/// <summary>
/// One append-only fact of a session (a pitch or a change to it, an answer, a next step, a note, a
/// struck note). The Bot stores each on its own, create-only, keyed by the inbound activity id
/// (<see cref="Id"/>), so a burst of answers never contends for the session head and a
/// redelivered activity is harmless. The views fold them with <see cref="SessionRecords.From"/>.
/// </summary>
public abstract record SessionItem
{
    /// <summary>The item id the Bot made from the inbound activity id.</summary>
    public required string Id { get; init; }

    /// <summary>When it was recorded (the Bot's clock); folds order by it, then by <see cref="Id"/>.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Who did it: the opaque person key. Kept in storage only; views decide what to show.</summary>
    public required string AuthorKey { get; init; }

    public required string AuthorName { get; init; }
}
