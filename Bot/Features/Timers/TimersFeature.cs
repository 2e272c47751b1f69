using StuyfBot.Bot.Kernel;
using StuyfBot.Cards.Timers;
using StuyfBot.Platform.Apps;

namespace StuyfBot.Bot.Features.Timers;

/// <summary>The timekeeper's buttons on the live card (<see cref="TimerRoutes"/>); the alerts follow from <see cref="TimerAlertEffect"/>.</summary>
public sealed class TimersFeature : IBotFeature
{
    private readonly SessionCardRouter _router;

    public TimersFeature(SessionCardRouter router) => _router = router;

    public void Map(App app) => _router.Map(app, TimerRoutes.Table);
}
