using System.Collections.Immutable;
using StuyfBot.Dialogs.Notes;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Roles;
using StuyfBot.Dialogs.Sessions;

namespace StuyfBot.Dialogs.Summaries;

/// <summary>Who a summary is for: it decides which pitches it holds and whose names (see <see cref="PitchAudience"/>).</summary>
public enum SummaryAudience
{
    /// <summary>Everyone at the session: facilitators-only pitches are left out entirely; anonymous ones carry no name.</summary>
    Group,

    /// <summary>The facilitators (and the coordinator): facilitators-only pitches included; anonymous ones still without a name.</summary>
    Facilitators,
}

/// <summary>
/// The summary of a closed session for one audience: what the summary card, the Markdown and the
/// HTML show, and what the Bot stores as JSON for machines. Plain data: no person keys anywhere in
/// it, names only where the audience may see them. <see cref="SchemaVersion"/> versions the JSON.
/// </summary>
public sealed record SessionSummary
{
    /// <summary>Version 1: the first shape of the summary.</summary>
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required SummaryAudience Audience { get; init; }

    public required string SessionId { get; init; }

    public required SessionKind Kind { get; init; }

    public string? Title { get; init; }

    public DateTimeOffset? PlannedFor { get; init; }

    public DateTimeOffset? OpenedAt { get; init; }

    public required DateTimeOffset ClosedAt { get; init; }

    public required SummaryAttendance Attendance { get; init; }

    /// <summary>The pitches that came up, in that order, then those that did not (skipped or not reached).</summary>
    public ImmutableList<SummaryPitch> Pitches { get; init; } = [];

    /// <summary>The notes, struck ones left out, in time order.</summary>
    public ImmutableList<SummaryNote> Notes { get; init; } = [];

    /// <summary>Every web link in what this summary shows, each once, in order of appearance.</summary>
    public ImmutableList<string> Links { get; init; } = [];

    /// <summary>The day the session was held: when it opened (or was planned for, or closed).</summary>
    public DateTimeOffset HeldOn() => OpenedAt ?? PlannedFor ?? ClosedAt;
}

/// <summary>Who came, in numbers, and who held which role (the roles are public in the session).</summary>
/// <param name="Total">Everyone who checked in.</param>
/// <param name="Present">Here with "Ik ben er" at the close.</param>
/// <param name="Listened">Here with "Ik luister mee" at the close.</param>
/// <param name="Left">Checked in and left before the close.</param>
/// <param name="Pitched">How many of this summary's pitches came up.</param>
/// <param name="ModeratorName">Who moderated at the close (null when the session never opened).</param>
/// <param name="Roles">Each role and everyone who held it during the session.</param>
public sealed record SummaryAttendance(int Total, int Present, int Listened, int Left, int Pitched, string? ModeratorName, ImmutableList<SummaryRole> Roles);

public sealed record SummaryRole(Role Role, ImmutableList<string> Holders);

/// <summary>One pitch as the audience may see it.</summary>
public sealed record SummaryPitch
{
    /// <summary>Its place in this summary (1, 2, ...).</summary>
    public required int Number { get; init; }

    public required PitchVisibility Visibility { get; init; }

    /// <summary>The pitcher's name; null when the audience may not see it (anonymous).</summary>
    public string? AuthorName { get; init; }

    public required PitchContent Content { get; init; }

    /// <summary>It came up in the round (otherwise it was skipped or not reached).</summary>
    public required bool Presented { get; init; }

    /// <summary>The next step the pitcher noted.</summary>
    public string? NextStep { get; init; }

    public ImmutableList<SummaryAnswer> Answers { get; init; } = [];
}

public sealed record SummaryAnswer(AnswerKind Kind, string Text, string AuthorName, DateTimeOffset At);

public sealed record SummaryNote(ImmutableList<NoteTag> Tags, string Text, DateTimeOffset At);

/// <summary>
/// The personal recap a pitcher gets in a 1:1 chat: their own pitch with all its answers and
/// next step, whatever its visibility. <see cref="AuthorKey"/> tells the Bot whom to send it to;
/// it is never shown.
/// </summary>
public sealed record PitchRecap(string AuthorKey, string SessionId, SessionKind Kind, string? Title, DateTimeOffset HeldOn, SummaryPitch Pitch);

/// <summary>One line of the coordinator's list of recent summaries.</summary>
public sealed record SummaryListing(string SessionId, SessionKind Kind, string? Title, DateTimeOffset HeldOn, int People, int Pitched)
{
    public static SummaryListing Of(SessionSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new SummaryListing(summary.SessionId, summary.Kind, summary.Title, summary.HeldOn(), summary.Attendance.Total, summary.Attendance.Pitched);
    }
}
