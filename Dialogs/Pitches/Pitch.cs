using StuyfBot.Dialogs.Sessions;

namespace StuyfBot.Dialogs.Pitches;

/// <summary>Who may see a pitch: the pitcher chooses (see <see cref="PitchAudience"/>).</summary>
public enum PitchVisibility
{
    /// <summary>The whole group, with the pitcher's name.</summary>
    Group,

    /// <summary>Only the facilitators (see <see cref="Facilitators"/>); the group sees that there is one, nothing more.</summary>
    FacilitatorsOnly,

    /// <summary>The whole group, without the pitcher's name (for everyone, facilitators too).</summary>
    Anonymous,
}

public enum PitchSource
{
    /// <summary>Sent before the session opened (in a 1:1 chat with the bot): these go first.</summary>
    PreSubmitted,

    /// <summary>Added during the session from the live card.</summary>
    Live,
}

/// <summary>
/// The four connectortafel questions as the pitcher answered them. Any may be empty, but a pitch
/// needs at least one (see <see cref="RoundRules"/>).
/// </summary>
/// <param name="WhatIsAlive">Wat leeft er?</param>
/// <param name="WhatYouSeek">Wat zoek je?</param>
/// <param name="NextStep">Wat is je volgende stap?</param>
/// <param name="CuriousAbout">Waar ben je nieuwsgierig naar?</param>
public sealed record PitchContent(string? WhatIsAlive, string? WhatYouSeek, string? NextStep, string? CuriousAbout)
{
    public static PitchContent Empty { get; } = new(null, null, null, null);

    /// <summary>Trimmed, with blank answers as null.</summary>
    public PitchContent Normalized() => new(Clean(WhatIsAlive), Clean(WhatYouSeek), Clean(NextStep), Clean(CuriousAbout));

    public bool IsEmpty() => Fields().All(f => f.Value is null);

    /// <summary>The four answers in the card's order, with their question.</summary>
    public IEnumerable<(PitchQuestion Question, string? Value)> Fields() =>
    [
        (PitchQuestion.WhatIsAlive, WhatIsAlive),
        (PitchQuestion.WhatYouSeek, WhatYouSeek),
        (PitchQuestion.NextStep, NextStep),
        (PitchQuestion.CuriousAbout, CuriousAbout),
    ];

    /// <summary>The answer that says most in one line: what they seek, else what is alive, else the rest.</summary>
    public string? Headline() => WhatYouSeek ?? WhatIsAlive ?? CuriousAbout ?? NextStep;

    internal static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The four questions of the pitch card, in their order.</summary>
public enum PitchQuestion
{
    WhatIsAlive,
    WhatYouSeek,
    NextStep,
    CuriousAbout,
}

/// <summary>
/// A pitch as submitted, edited, withdrawn or replaced by "Ik kom enkel luisteren": each is a new
/// record; the latest one of a person is their pitch. A person has one pitch per session, so the
/// records are grouped by author (see <see cref="SessionRecords"/>): two quick submissions of the
/// same person become one pitch, whatever the race.
/// </summary>
public sealed record PitchRecord : SessionItem
{
    public required PitchContent Content { get; init; }

    public required PitchVisibility Visibility { get; init; }

    /// <summary>"Ik kom enkel luisteren": a first-class choice instead of a pitch (no content, not in the queue).</summary>
    public bool ListenOnly { get; init; }

    /// <summary>The pitcher withdrew it (the record carries no content).</summary>
    public bool Withdrawn { get; init; }

    public required PitchSource Source { get; init; }
}

/// <summary>A person's pitch as it stands: the fold of their <see cref="PitchRecord"/>s.</summary>
public sealed record Pitch
{
    /// <summary>The id of the person's first record: stable through edits, opaque (never derived from the person).</summary>
    public required string Id { get; init; }

    public required string AuthorKey { get; init; }

    public required string AuthorName { get; init; }

    public required PitchContent Content { get; init; }

    public required PitchVisibility Visibility { get; init; }

    public bool ListenOnly { get; init; }

    public bool Withdrawn { get; init; }

    public required PitchSource Source { get; init; }

    /// <summary>When it entered the queue (edits keep the place; after a withdrawal it enters anew).</summary>
    public required DateTimeOffset SubmittedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>A real pitch: not withdrawn, not "enkel luisteren".</summary>
    public bool IsActive() => !Withdrawn && !ListenOnly;
}
