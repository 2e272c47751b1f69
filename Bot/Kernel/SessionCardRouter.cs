using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Pitches;
using StuyfBot.Cards.Sessions;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Platform.Api;
using StuyfBot.Platform.Apps;

namespace StuyfBot.Bot.Kernel;

/// <summary>
/// A feature's answer to a button of its table that is not a session or round command (start,
/// plan, show the pitch form, open a summary): the kernel reads the button, the feature acts.
/// </summary>
public delegate Task<InvokeResponse> CardActionHandler(ActivityContext context, SessionCardAction action);

/// <summary>
/// Registers a feature's route table (<see cref="CardRoute"/>) with the app and answers its
/// buttons the same way for every feature: the button is read by its route, its command decided
/// by <see cref="SessionRunner"/>, and the presser gets their own view back (the live card, the
/// answer card with "Dank je!", or the 1:1 pitch card), or a friendly refusal.
/// </summary>
public sealed class SessionCardRouter
{
    private readonly SessionRunner _runner;
    private readonly ConversationSessionStore _sessions;
    private readonly PersonalCardGroup _cardGroup;

    public SessionCardRouter(SessionRunner runner, ConversationSessionStore sessions, PersonalCardGroup cardGroup)
    {
        _runner = runner;
        _sessions = sessions;
        _cardGroup = cardGroup;
    }

    /// <summary>Maps every route of <paramref name="table"/>; <paramref name="other"/> answers the actions that are not session or round commands.</summary>
    public void Map(App app, IEnumerable<CardRoute> table, CardActionHandler? other = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(table);
        foreach (var route in table)
        {
            app.OnCardAction(route.Verb, (context, action) => AnswerAsync(context, route.Read(new CardInputs(CardData.Flatten(action.Data))), other));
        }
    }

    private async Task<InvokeResponse> AnswerAsync(ActivityContext context, SessionCardAction? action, CardActionHandler? other)
    {
        var text = new Text(context.Culture);
        switch (action)
        {
            case RefreshSessionCard refresh:
                var sessions = await _sessions.ReadAsync(context.Activity.Conversation!.Id!, context.CancellationToken).ConfigureAwait(false);
                return sessions?.Find(refresh.SessionId) is { } shown
                    ? await LiveCardAsync(context, shown, text).ConfigureAwait(false)
                    : InvokeResponse.Message(text["SessionCardOutdated"]);
            case RunSessionCommand when context.IsPersonal:
                return InvokeResponse.Message(text["SessionOnlyInGroups"]);
            case RunSessionCommand run:
                var turn = await _runner.RunAsync(context, run.SessionId, run.Command).ConfigureAwait(false);
                return turn.Decision switch
                {
                    null => InvokeResponse.Message(text["SessionCardOutdated"]),
                    Refused refused => InvokeResponse.Message(SessionMessages.Refusal(text, refused)),
                    Accepted accepted => await LiveCardAsync(context, accepted.State, text).ConfigureAwait(false),
                    _ => throw new InvalidOperationException("Unknown decision."),
                };
            case RunRoundCommand round when context.IsPersonal:
                return await PersonalPitchAsync(context, round, text).ConfigureAwait(false);
            case RunRoundCommand round:
                return await RoundAsync(context, round, text).ConfigureAwait(false);
            case { } when other is not null:
                return await other(context, action).ConfigureAwait(false);
            default:
                return InvokeResponse.Message(text["UnknownAction"]);
        }
    }

    private async Task<InvokeResponse> RoundAsync(ActivityContext context, RunRoundCommand run, Text text)
    {
        var outcome = await _runner.RunAsync(context, run.SessionId, run.Command).ConfigureAwait(false);
        switch (outcome.Decision)
        {
            case null:
                return InvokeResponse.Message(text["SessionCardOutdated"]);
            case Refused refused:
                return InvokeResponse.Message(SessionMessages.Refusal(text, refused));
            case Accepted accepted:
                var view = _runner.ViewOf(accepted.State, outcome.Records!);
                return run.OnAnswerCard && run.Command is AnswerPitch answer && outcome.Records!.FindPitch(answer.PitchId) is not null
                    ? InvokeResponse.Card(AnswerCard.Render(view, answer.PitchId, text, thanks: true).ToJson())
                    : InvokeResponse.Card(SessionCard.Render(view, text, ViewerOf(context)).ToJson());
            default:
                throw new InvalidOperationException("Unknown decision.");
        }
    }

    /// <summary>
    /// The pitch card in a 1:1 chat names its group: the person must be in it (anyone could
    /// forge the name), and only their own pitch can be sent or withdrawn from there.
    /// </summary>
    private async Task<InvokeResponse> PersonalPitchAsync(ActivityContext context, RunRoundCommand run, Text text)
    {
        if (run.ConversationId is not { } groupId || run.Command is not (SubmitPitch or WithdrawPitch))
        {
            return InvokeResponse.Message(text["UnknownAction"]);
        }

        var me = context.Activity.From!.Id!;
        var access = await _cardGroup.CheckAsync(groupId, run.SessionId, me, context.CancellationToken).ConfigureAwait(false);
        if (access.Session is null)
        {
            return InvokeResponse.Message(text[access.RefusalKey!]);
        }

        var outcome = await _runner.RunRoundAsync(groupId, run.SessionId, run.Command, SessionRunner.ActorOf(context), context.Activity.Id!, context.CancellationToken).ConfigureAwait(false);
        return outcome.Decision switch
        {
            null => InvokeResponse.Message(text["SessionCardOutdated"]),
            Refused refused => InvokeResponse.Message(SessionMessages.Refusal(text, refused)),
            Accepted accepted => InvokeResponse.Card(PitchCard.Render(accepted.State, outcome.Records!, me, text, editing: false).ToJson()),
            _ => throw new InvalidOperationException("Unknown decision."),
        };
    }

    private async Task<InvokeResponse> LiveCardAsync(ActivityContext context, Session session, Text text) =>
        InvokeResponse.Card(SessionCard.Render(await _runner.ViewAsync(session, context.CancellationToken).ConfigureAwait(false), text, ViewerOf(context)).ToJson());

    private static SessionViewer ViewerOf(ActivityContext context) => SessionViewer.For(context.Activity.From!.Id!);
}
