using StuyfBot.Bot.Kernel;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Pitches;
using StuyfBot.Cards.Sessions;
using StuyfBot.Platform.Api;
using StuyfBot.Platform.Apps;

namespace StuyfBot.Bot.Features.Pitches;

/// <summary>
/// The pitch round's buttons (<see cref="PitchRoutes"/>): a pitch from the live card or the 1:1
/// pitch card, the moderator's queue, answers and next steps; "Stel je vraag vooraf" is answered
/// by <see cref="PitchFormFeature"/>. The rules are in Dialogs (the round's decider).
/// </summary>
public sealed class PitchesFeature : IBotFeature
{
    private readonly SessionCardRouter _router;
    private readonly PitchFormFeature _form;

    public PitchesFeature(SessionCardRouter router, PitchFormFeature form)
    {
        _router = router;
        _form = form;
    }

    public void Map(App app) => _router.Map(app, PitchRoutes.Table, OnCardActionAsync);

    private Task<InvokeResponse> OnCardActionAsync(ActivityContext context, SessionCardAction action) => action is ShowPitchForm show
        ? _form.OnShowFormAsync(context, show)
        : Task.FromResult(InvokeResponse.Message(new Text(context.Culture)["UnknownAction"]));
}
