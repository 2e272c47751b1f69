using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Roles;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Dialogs.Timers;

namespace StuyfBot.Cards.Sessions;

/// <summary>
/// The Action.Execute verbs of the session cards, their data and input ids, in one place, and
/// the way back from an invoke's verb and data to what was asked (<see cref="Read"/>).
/// </summary>
public static class SessionVerbs
{
    public const string Refresh = "session.refresh";
    public const string Start = "session.start";
    public const string CheckIn = "session.checkIn";
    public const string Listen = "session.listen";
    public const string Leave = "session.leave";
    public const string TakeRole = "session.takeRole";
    public const string ReturnRole = "session.returnRole";
    public const string OptOut = "session.optOut";
    public const string OptIn = "session.optIn";
    public const string DivideRoles = "session.divideRoles";
    public const string AssignRole = "session.assignRole";
    public const string UnassignRole = "session.unassignRole";
    public const string HandOver = "session.handOver";
    public const string TakeOver = "session.takeOver";
    public const string RequestClose = "session.close";
    public const string ConfirmClose = "session.closeConfirm";
    public const string CancelClose = "session.closeCancel";

    /// <summary>"Stel je vraag vooraf" / "Pas je vraag aan": show this person the pitch card (in a 1:1 chat).</summary>
    public const string ShowPitchForm = "session.pitch.form";
    public const string SubmitPitch = "session.pitch.submit";
    public const string ListenOnly = "session.pitch.listenOnly";
    public const string WithdrawPitch = "session.pitch.withdraw";
    public const string NextPitch = "session.pitch.next";
    public const string MovePitchUp = "session.pitch.up";
    public const string MovePitchDown = "session.pitch.down";
    public const string SkipPitch = "session.pitch.skip";
    public const string PickPitch = "session.pitch.pick";
    public const string Answer = "session.answer";
    public const string NextStep = "session.nextStep";
    public const string TimerStart = "session.timer.start";
    public const string TimerPause = "session.timer.pause";
    public const string TimerResume = "session.timer.resume";
    public const string TimerExtend = "session.timer.extend";
    public const string TimerStop = "session.timer.stop";
    public const string StrikeNote = "session.note.strike";

    /// <summary>The help card's plan form (no session yet).</summary>
    public const string Plan = "session.plan";

    /// <summary>The coordinator opens a stored summary.</summary>
    public const string OpenSummary = "session.summary.open";

    /// <summary>Keys of the data the buttons carry.</summary>
    public const string SessionIdKey = "sessionId";
    public const string RoleKey = "role";
    public const string KindKey = "kind";
    public const string PitchIdKey = "pitchId";

    /// <summary>
    /// The group conversation of the session, on the buttons of the 1:1 pitch card: pressed in the
    /// 1:1 chat, the Bot needs it to find the session (it should check the person belongs to it).
    /// </summary>
    public const string ConversationKey = "conversationId";

    /// <summary>Which card a button is on, when the same verb is on two cards (see <see cref="AnswerCardOriginValue"/>).</summary>
    public const string OriginKey = "origin";

    /// <summary>The answer button of the <see cref="Pitches.AnswerCard"/> posted when a pitch comes up.</summary>
    public const string AnswerCardOriginValue = "answerCard";

    /// <summary>The month a summary is stored under ("yyyy-MM"), to find its blob.</summary>
    public const string MonthKey = "month";

    /// <summary>Input ids of the moderator's forms (Teams merges input values into the data).</summary>
    public const string AssignPersonInput = "assignPerson";
    public const string AssignRoleInput = "assignRole";
    public const string UnassignRoleInput = "unassignRole";
    public const string HandOverPersonInput = "handOverPerson";

    /// <summary>Input ids of the pitch form, the answer form, the next-step form, the strike form and the plan form.</summary>
    public const string PitchAliveInput = "pitchAlive";
    public const string PitchSeekInput = "pitchSeek";
    public const string PitchStepInput = "pitchStep";
    public const string PitchCuriousInput = "pitchCurious";
    public const string PitchVisibilityInput = "pitchVisibility";
    public const string AnswerKindInput = "answerKind";
    public const string AnswerTextInput = "answerText";
    public const string NextStepInput = "nextStepText";
    public const string StrikeNoteInput = "strikeNote";
    public const string PlanKindInput = "planKind";
    public const string PlanDateInput = "planDate";
    public const string PlanTimeInput = "planTime";
    public const string PlanTitleInput = "planTitle";

    /// <summary>The visibility choice that means "Ik kom enkel luisteren".</summary>
    public const string ListenOnlyValue = "listenOnly";

    public static bool IsSessionVerb(string? verb) => verb?.StartsWith("session.", StringComparison.Ordinal) == true;

    public static string Value(Role role) => role switch
    {
        Role.Timekeeper => "timekeeper",
        Role.ChatScribe => "chatScribe",
        Role.MethodicalSupporter => "methodicalSupporter",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static string Value(SessionKind kind) => kind switch
    {
        SessionKind.OpenHuys => "openHuys",
        SessionKind.Connectortafel => "connectortafel",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Value(PitchVisibility visibility) => visibility switch
    {
        PitchVisibility.Group => "group",
        PitchVisibility.FacilitatorsOnly => "facilitators",
        PitchVisibility.Anonymous => "anonymous",
        _ => throw new ArgumentOutOfRangeException(nameof(visibility), visibility, null),
    };

    public static string Value(AnswerKind kind) => kind switch
    {
        AnswerKind.Tip => "tip",
        AnswerKind.Contact => "contact",
        AnswerKind.Offer => "offer",
        AnswerKind.Question => "question",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Verb(TimerControl control) => control switch
    {
        TimerControl.Start => TimerStart,
        TimerControl.Pause => TimerPause,
        TimerControl.Resume => TimerResume,
        TimerControl.Extend => TimerExtend,
        TimerControl.Stop => TimerStop,
        _ => throw new ArgumentOutOfRangeException(nameof(control), control, null),
    };

    public static PitchVisibility? ParseVisibility(string? value) =>
        Enum.GetValues<PitchVisibility>().Cast<PitchVisibility?>().FirstOrDefault(v => Value(v!.Value) == value);

    public static AnswerKind? ParseAnswerKind(string? value) =>
        Enum.GetValues<AnswerKind>().Cast<AnswerKind?>().FirstOrDefault(k => Value(k!.Value) == value);

    public static Role? ParseRole(string? value) => RoleList.All.Cast<Role?>().FirstOrDefault(r => Value(r!.Value) == value);

    public static SessionKind? ParseKind(string? value) =>
        Enum.GetValues<SessionKind>().Cast<SessionKind?>().FirstOrDefault(k => Value(k!.Value) == value);

    /// <summary>
    /// What an adaptiveCard/action invoke asks, read by the route table that declares its verb;
    /// null when no table declares it or its data is missing or wrong (answer with the "unknown
    /// button" text). Text inputs arrive as they were typed: the rules trim and check them.
    /// </summary>
    public static SessionCardAction? Read(string? verb, IReadOnlyDictionary<string, string?> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return verb is not null && RoutesByVerb.Value.TryGetValue(verb, out var route) ? route.Read(new CardInputs(data)) : null;
    }

    /// <summary>Every feature's buttons (the Bot registers each feature's table itself; this is for reading and checking them).</summary>
    public static IEnumerable<CardRoute> AllRoutes => RoutesByVerb.Value.Values;

    private static readonly Lazy<Dictionary<string, CardRoute>> RoutesByVerb = new(() =>
        new IReadOnlyList<CardRoute>[] { SessionRoutes.Table, Pitches.PitchRoutes.Table, Timers.TimerRoutes.Table, Notes.NoteRoutes.Table, Summaries.SummaryRoutes.Table }
            .SelectMany(table => table)
            .ToDictionary(route => route.Verb, StringComparer.Ordinal));
}

/// <summary>What a session button asks for.</summary>
public abstract record SessionCardAction;

/// <summary>Teams asks for this person's view of the card (refresh): answer with it.</summary>
public sealed record RefreshSessionCard(string SessionId) : SessionCardAction;

/// <summary>Start a session of this kind in the conversation (the Bot makes the id).</summary>
public sealed record StartSession(SessionKind Kind) : SessionCardAction;

/// <summary>Decide this command on this session.</summary>
public sealed record RunSessionCommand(string SessionId, SessionCommand Command) : SessionCardAction;

/// <summary>Decide this pitch-round command (pitch, answer, queue, timer, note) with <see cref="RoundDecider"/>.</summary>
public sealed record RunRoundCommand(string SessionId, RoundCommand Command) : SessionCardAction
{
    /// <summary>The session's group conversation, when pressed on the 1:1 pitch card (see <see cref="SessionVerbs.ConversationKey"/>).</summary>
    public string? ConversationId { get; init; }

    /// <summary>Pressed on the <see cref="Pitches.AnswerCard"/>: answer with that card, not the live card.</summary>
    public bool OnAnswerCard { get; init; }
}

/// <summary>Show the person the pitch card for this session: in a group, send it in a 1:1 chat; in a 1:1 chat, answer with it.</summary>
public sealed record ShowPitchForm(string SessionId) : SessionCardAction
{
    /// <summary>The session's group conversation, when pressed on a 1:1 card.</summary>
    public string? ConversationId { get; init; }
}

/// <summary>Plan a session from the help card's form: read it with <see cref="PlanRequest.FromInputs"/>.</summary>
public sealed record PlanSession(SessionKind Kind, string? Date, string? Time, string? Title) : SessionCardAction;

/// <summary>The coordinator opens the summary stored for this session in this month ("yyyy-MM").</summary>
public sealed record OpenSummary(string SessionId, string Month) : SessionCardAction;
