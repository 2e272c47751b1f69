using System.Globalization;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Roles;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Dialogs.Timers;
using static StuyfBot.Dialogs.Tests.Sessions.SessionScript;

namespace StuyfBot.Dialogs.Tests.Pitches;

/// <summary>
/// A session head and its records, moved on through the real deciders, the way the Bot does it:
/// a round decision appends its record or replaces the head. Each step is one second later.
/// </summary>
internal sealed record Table(Session State, SessionRecords Records, DateTimeOffset Clock, int Counter)
{
    public static readonly Actor Fenna = new("29:fenna", "Fenna");
    public static readonly Actor Gust = new("29:gust", "Gust");

    public static Table PlannedTable(string id = "p1") =>
        new(Accept(null, new Plan(id, SessionKind.Connectortafel, "Dinsdag", Conversation, Now.AddDays(2)), An).State, SessionRecords.Empty, Now, 0);

    /// <summary>Open with Bart and Carla present and Dirk listening (An moderates).</summary>
    public static Table OpenTable(string id = "s1") => new(WithPeople(id), SessionRecords.Empty, Now, 0);

    public static PitchContent Content(string seek, string? alive = null) => new(alive, seek, null, null);

    public Table Do(SessionCommand command, Actor actor) =>
        this with { State = Accept(State, command, actor).State, Clock = Clock.AddSeconds(1) };

    public Table Do(RoundCommand command, Actor actor) => Apply(Accepted(command, actor));

    public Table Apply(Accepted accepted)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        return this with
        {
            State = accepted.State,
            Records = accepted.Item is null ? Records : Records.With(accepted.Item),
            Clock = Clock.AddSeconds(1),
            Counter = Counter + 1,
        };
    }

    public Decision Decide(RoundCommand command, Actor actor, TimerSettings? timers = null) =>
        RoundDecider.Decide(State, Records, command, new RoundTurn(actor, Clock, ItemId()), timers ?? TimerSettings.Default);

    public Accepted Accepted(RoundCommand command, Actor actor, TimerSettings? timers = null)
    {
        var decision = Decide(command, actor, timers);
        return decision as Accepted
            ?? throw new Xunit.Sdk.XunitException($"{command} by {actor.Name} was refused: {((Refused)decision).Reason}");
    }

    public Refused Refused(RoundCommand command, Actor actor) => Assert.IsType<Refused>(Decide(command, actor));

    public Table Later(TimeSpan by) => this with { Clock = Clock + by };

    public Table Pitch(Actor actor, string seek, PitchVisibility visibility = PitchVisibility.Group) =>
        Do(new SubmitPitch(Content(seek), visibility), actor);

    public Pitch PitchOf(Actor actor) => Records.PitchOf(actor.Key) ?? throw new InvalidOperationException($"{actor.Name} has no pitch.");

    public IReadOnlyList<string> Queue() => [.. PitchQueue.Waiting(State.Round, Records).Select(p => p.AuthorKey)];

    public Table GiveRole(Role role, Actor person) => Do(new AssignRole(role, person.Key), An);

    private string ItemId() => "item-" + Counter.ToString("D4", CultureInfo.InvariantCulture);
}
