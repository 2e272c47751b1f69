using StuyfBot.Dialogs.Sessions;

namespace StuyfBot.Dialogs.Pitches;

/// <summary>How someone answers a pitch.</summary>
public enum AnswerKind
{
    /// <summary>A concrete tip.</summary>
    Tip,

    /// <summary>"Ik ken iemand die...".</summary>
    Contact,

    /// <summary>"Ik kan helpen met...".</summary>
    Offer,

    /// <summary>A clarifying question.</summary>
    Question,
}

/// <summary>One answer to one pitch. Answers are never edited: each is its own record.</summary>
public sealed record AnswerRecord : SessionItem
{
    public required string PitchId { get; init; }

    public required AnswerKind Kind { get; init; }

    public required string Text { get; init; }
}

/// <summary>The next small step the pitcher takes away; the latest one counts.</summary>
public sealed record NextStepRecord : SessionItem
{
    public required string PitchId { get; init; }

    public required string Text { get; init; }
}
