using System.Text.Json.Serialization;

namespace StuyfBot.Platform.Scheduling;

/// <summary>Where a reminder is in its life, as its claim document records it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReminderState>))]
public enum ReminderState
{
    /// <summary><see cref="ReminderClaim.Owner"/> runs the handler until <see cref="ReminderClaim.Until"/> (its lease).</summary>
    Firing,

    /// <summary>The handler failed; anyone may try again from <see cref="ReminderClaim.Until"/>.</summary>
    Waiting,

    /// <summary>The handler succeeded. Final.</summary>
    Done,

    /// <summary>Cancelled before it started firing. Final.</summary>
    Cancelled,

    /// <summary>Failed too often (or unreadable); left for a person to look at. Final.</summary>
    Parked,
}

/// <summary>
/// The claim document of one reminder, next to it under <c>reminder-claims/</c>. It is created
/// once (create-only) by the instance that fires the reminder first, and after that changes only
/// with If-Match, so exactly one instance at a time holds a reminder. It stays after the reminder
/// is gone (until Reminders:Retention), so a duplicate schedule of a finished reminder is seen.
/// </summary>
/// <param name="Reminder">The reminder (null for a cancel that came first, or an unreadable reminder).</param>
/// <param name="State">Where it is in its life.</param>
/// <param name="Owner">The instance firing it (while <see cref="ReminderState.Firing"/>).</param>
/// <param name="Until">For <see cref="ReminderState.Firing"/> the end of the lease; for <see cref="ReminderState.Waiting"/> the earliest retry.</param>
/// <param name="Attempts">Handler runs started so far (a run whose instance died counts too).</param>
/// <param name="LastError">Why the last attempt failed.</param>
/// <param name="UpdatedAt">When the claim last changed (for a firing claim: when it was claimed).</param>
public sealed record ReminderClaim(
    Reminder? Reminder,
    ReminderState State,
    string? Owner,
    DateTimeOffset Until,
    int Attempts,
    string? LastError,
    DateTimeOffset UpdatedAt)
{
    public bool IsFinal => State is ReminderState.Done or ReminderState.Cancelled or ReminderState.Parked;
}
