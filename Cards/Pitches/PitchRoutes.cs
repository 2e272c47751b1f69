using StuyfBot.Cards.Sessions;
using StuyfBot.Dialogs.Pitches;
using static StuyfBot.Cards.Sessions.CardRouteExtensions;

namespace StuyfBot.Cards.Pitches;

/// <summary>The buttons of pitches: the pitch card (1:1 and on the live card), the queue, answers and next steps.</summary>
public static class PitchRoutes
{
    public static IReadOnlyList<CardRoute> Table { get; } =
    [
        new(SessionVerbs.ShowPitchForm, d => d.SessionId is { } id ? new ShowPitchForm(id) { ConversationId = d.ConversationId } : null),
        RoundCommand(SessionVerbs.SubmitPitch, d => d[SessionVerbs.PitchVisibilityInput] == SessionVerbs.ListenOnlyValue
            ? new SubmitPitch(PitchContent.Empty, PitchVisibility.Group, ListenOnly: true)
            : SessionVerbs.ParseVisibility(d[SessionVerbs.PitchVisibilityInput]) is { } visibility
                ? new SubmitPitch(
                    new PitchContent(d[SessionVerbs.PitchAliveInput], d[SessionVerbs.PitchSeekInput], d[SessionVerbs.PitchStepInput], d[SessionVerbs.PitchCuriousInput]), visibility)
                : null),
        RoundCommand(SessionVerbs.ListenOnly, _ => new SubmitPitch(PitchContent.Empty, PitchVisibility.Group, ListenOnly: true)),
        RoundCommand(SessionVerbs.WithdrawPitch, _ => new WithdrawPitch()),
        RoundCommand(SessionVerbs.NextPitch, _ => new NextPitch()),
        RoundCommand(SessionVerbs.MovePitchUp, d => d.PitchId is { } id ? new MovePitch(id, MoveDirection.Up) : null),
        RoundCommand(SessionVerbs.MovePitchDown, d => d.PitchId is { } id ? new MovePitch(id, MoveDirection.Down) : null),
        RoundCommand(SessionVerbs.SkipPitch, d => d.PitchId is { } id ? new SkipPitch(id) : null),
        RoundCommand(SessionVerbs.PickPitch, d => d.PitchId is { } id ? new PickPitch(id) : null),
        RoundCommand(SessionVerbs.Answer, d => d.PitchId is { } id && SessionVerbs.ParseAnswerKind(d[SessionVerbs.AnswerKindInput]) is { } kind
            ? new AnswerPitch(id, kind, d.Typed(SessionVerbs.AnswerTextInput))
            : null),
        RoundCommand(SessionVerbs.NextStep, d => d.PitchId is { } id ? new NoteNextStep(id, d.Typed(SessionVerbs.NextStepInput)) : null),
    ];
}
