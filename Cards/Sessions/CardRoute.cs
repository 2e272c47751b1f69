namespace StuyfBot.Cards.Sessions;

/// <summary>
/// One card button's verb and how its data becomes what was asked. Each feature declares its
/// buttons once, in its route table (e.g. <see cref="SessionRoutes.Table"/>); the Bot registers
/// the verbs with its router from the same table, so no list of verbs is kept in step elsewhere.
/// </summary>
/// <param name="Verb">The Action.Execute verb (from <see cref="SessionVerbs"/>, which the card renders).</param>
/// <param name="Read">What the button asks, or null when its data is missing or wrong.</param>
public sealed record CardRoute(string Verb, Func<CardInputs, SessionCardAction?> Read);

/// <summary>The data and inputs of an Action.Execute, as strings (Teams merges the inputs into the action's data).</summary>
public sealed class CardInputs
{
    private readonly IReadOnlyDictionary<string, string?> _data;

    public CardInputs(IReadOnlyDictionary<string, string?> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _data = data;
    }

    /// <summary>A value that is there and not blank; null otherwise.</summary>
    public string? this[string key] => _data.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>A text input as it was typed (empty when missing): the rules trim and check it.</summary>
    public string Typed(string key) => _data.TryGetValue(key, out var value) ? value ?? string.Empty : string.Empty;

    public string? SessionId => this[SessionVerbs.SessionIdKey];

    public string? PitchId => this[SessionVerbs.PitchIdKey];

    /// <summary>The group conversation named by a button of a 1:1 card (see <see cref="SessionVerbs.ConversationKey"/>).</summary>
    public string? ConversationId => this[SessionVerbs.ConversationKey];
}

/// <summary>Helpers for route tables: most buttons act on the session named in their data.</summary>
public static class CardRouteExtensions
{
    /// <summary>A button that decides a session command on the session it names.</summary>
    public static CardRoute Command(string verb, Func<CardInputs, Dialogs.Sessions.SessionCommand?> read) =>
        new(verb, inputs => inputs.SessionId is { } sessionId && read(inputs) is { } command ? new RunSessionCommand(sessionId, command) : null);

    /// <summary>A button that decides a pitch-round command (pitch, answer, queue, timer, note) on the session it names.</summary>
    public static CardRoute RoundCommand(string verb, Func<CardInputs, Dialogs.Pitches.RoundCommand?> read) =>
        new(verb, inputs => inputs.SessionId is { } sessionId && read(inputs) is { } command
            ? new RunRoundCommand(sessionId, command)
            {
                ConversationId = inputs.ConversationId,
                OnAnswerCard = inputs[SessionVerbs.OriginKey] == SessionVerbs.AnswerCardOriginValue,
            }
            : null);
}
