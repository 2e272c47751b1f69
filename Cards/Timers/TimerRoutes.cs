using StuyfBot.Cards.Sessions;
using StuyfBot.Dialogs.Timers;
using static StuyfBot.Cards.Sessions.CardRouteExtensions;

namespace StuyfBot.Cards.Timers;

/// <summary>The timekeeper's buttons on the live card.</summary>
public static class TimerRoutes
{
    public static IReadOnlyList<CardRoute> Table { get; } =
        [.. Enum.GetValues<TimerControl>().Select(control => RoundCommand(SessionVerbs.Verb(control), _ => new ControlTimer(control)))];
}
