using System.Globalization;
using StuyfBot.Dialogs.Notes;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Roles;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Dialogs.Summaries;
using StuyfBot.Dialogs.Timers;
using static StuyfBot.Cards.Tests.Sessions.SessionSamples;

namespace StuyfBot.Cards.Tests.Pitches;

/// <summary>
/// A connectortafel with a pitch round in every state, built through the real deciders, with
/// marker strings where privacy matters. Fenna's pitch is for the facilitators only (FACMARKER in
/// every answer, FACNAME in her name); Gust's is anonymous (GUSTANON in his name and key). Neither
/// checks in, so their names may show nowhere in the group; An moderates and Carla supports
/// methodically (the facilitators), Eva keeps time, Dirk collects the chat.
/// </summary>
public static class PitchSamples
{
    public static readonly Actor Fenna = new("29:fenna-FACKEY", "Fenna FACNAME");
    public static readonly Actor Gust = new("29:GUSTANONKEY", "GUSTANONNAME");

    public const string FacMarker = "FACMARKER";
    public const string GustMarker = "GUSTANON";

    /// <summary>A pitch text that tries to inject Markdown and HTML.</summary>
    public const string Injection = "**vet** [klik](javascript:alert(1)) <script>alert(2)</script> # kop\n1. lijst\n> citaat &amp; `code` | tabel |";

    public static readonly IReadOnlyList<(string Name, string? Key)> PitchViewers =
    [
        ("everyone", null),
        ("moderator", An.Key),
        ("supporter", Carla.Key),
        ("pitcher", Bart.Key),
        ("timekeeper", Eva.Key),
        ("scribe", Dirk.Key),
        ("facilitators-pitcher", Fenna.Key),
        ("anonymous-pitcher", Gust.Key),
        ("stranger", "29:stranger"),
    ];

    /// <summary>The viewers who may read Fenna's pitch.</summary>
    public static readonly IReadOnlySet<string> Inner = new HashSet<string> { An.Key, Carla.Key, Fenna.Key };

    public static Stage PlannedStage => StageNamed("planned");

    public static IReadOnlyList<(string Name, Stage Stage)> Stages { get; } = Build().All;

    /// <summary>The closed session (for summaries and recaps).</summary>
    public static Stage ClosedStage => Stages.Single(s => s.Name == "closed").Stage;

    public static Stage StageNamed(string name) => Stages.Single(s => s.Name == name).Stage;

    public static SessionSummary Summary(SummaryAudience audience) => SummaryBuilder.Build(ClosedStage.Session, ClosedStage.Records, audience);

    /// <summary>A head and its records, moved on through the deciders.</summary>
    public sealed record Stage(Session Session, SessionRecords Records, DateTimeOffset Clock, int Counter)
    {
        public SessionView View => SessionView.Of(Session, Records);

        public Stage Do(SessionCommand command, Actor actor) =>
            this with { Session = Accepted(SessionDecider.Decide(Session, command, actor, Clock, RoleHistory.Empty)), Clock = Clock.AddSeconds(20) };

        public Stage Do(RoundCommand command, Actor actor)
        {
            var decision = RoundDecider.Decide(Session, Records, command, new RoundTurn(actor, Clock, Id()), TimerSettings.Default);
            var accepted = decision as Accepted ?? throw new InvalidOperationException($"{command} by {actor.Name}: {((Refused)decision).Reason}");
            return this with
            {
                Session = accepted.State,
                Records = accepted.Item is null ? Records : Records.With(accepted.Item),
                Clock = Clock.AddSeconds(20),
                Counter = Counter + 1,
            };
        }

        public Pitch PitchOf(Actor actor) => Records.PitchOf(actor.Key)!;

        private string Id() => "activity-" + Counter.ToString("D3", CultureInfo.InvariantCulture);

        private static Session Accepted(Decision decision) =>
            decision is Accepted accepted ? accepted.State : throw new InvalidOperationException(((Refused)decision).Reason.ToString());
    }

    private static (Stage Planned, IReadOnlyList<(string, Stage)> All) Build()
    {
        var empty = new Stage(null!, SessionRecords.Empty, Now, 0);
        var planned = empty
            .Do(new Plan("s1", SessionKind.Connectortafel, "Dinsdag", "19:chat", new DateTimeOffset(2026, 11, 28, 18, 30, 0, TimeSpan.Zero)), An)
            .Do(new SubmitPitch(new PitchContent("Ik maak meubels", "Een werkplaats", "Rondvragen", Injection), PitchVisibility.Group), Bart)
            .Do(new SubmitPitch(new PitchContent($"{FacMarker} leeft", $"{FacMarker} zoekt https://facmarker.example/x", $"{FacMarker} stap", $"{FacMarker} nieuwsgierig"), PitchVisibility.FacilitatorsOnly), Fenna)
            .Do(new SubmitPitch(new PitchContent("Ik zoek werk in de zorg", "Een stageplek", null, null), PitchVisibility.Anonymous), Gust)
            .Do(new SubmitPitch(PitchContent.Empty, PitchVisibility.Group, ListenOnly: true), Dirk);
        var open = planned
            .Do(new Start("s1", SessionKind.Connectortafel, null, "19:chat"), An)
            .Do(new CheckIn(CheckInMode.Present), Bart)
            .Do(new CheckIn(CheckInMode.Present), Carla)
            .Do(new CheckIn(CheckInMode.Listening), Dirk)
            .Do(new CheckIn(CheckInMode.Present), Eva)
            .Do(new AssignRole(Role.MethodicalSupporter, Carla.Key), An)
            .Do(new AssignRole(Role.Timekeeper, Eva.Key), An)
            .Do(new AssignRole(Role.ChatScribe, Dirk.Key), An)
            .Do(new SubmitPitch(new PitchContent(null, "Iemand die mee wil koken", null, null), PitchVisibility.Group), Eva)
            .Do(new RecordCard("card-1"), An);
        var bartUp = open.Do(new NextPitch(), An);
        var bart = bartUp.PitchOf(Bart).Id;
        bartUp = bartUp
            .Do(new AnswerPitch(bart, AnswerKind.Tip, "Kijk eens bij https://repaircafe.example"), Carla)
            .Do(new AnswerPitch(bart, AnswerKind.Contact, Injection), Eva)
            .Do(new AnswerPitch(bart, AnswerKind.Offer, "Ik kan helpen met de website"), Dirk)
            .Do(new NoteNextStep(bart, "Ik bel de schrijnwerker"), Bart)
            .Do(new AddNote(ChatNote.Parse("#tip #link https://stuyverij.be/agenda")!), Bart)
            .Do(new ControlTimer(TimerControl.Extend), Eva);
        var fennaUp = bartUp.Do(new NextPitch(), An);
        var fenna = fennaUp.PitchOf(Fenna).Id;
        fennaUp = fennaUp
            .Do(new AnswerPitch(fenna, AnswerKind.Tip, $"{FacMarker} antwoord https://facmarker.example/answer"), Carla)
            .Do(new NoteNextStep(fenna, $"{FacMarker} volgende stap"), Fenna);
        var gustUp = fennaUp
            .Do(new SkipPitch(fennaUp.PitchOf(Eva).Id), An)
            .Do(new NextPitch(), An);
        var gust = gustUp.PitchOf(Gust).Id;
        gustUp = gustUp
            .Do(new AnswerPitch(gust, AnswerKind.Contact, "Ik ken een zorgcoördinator"), Bart)
            .Do(new AnswerPitch(gust, AnswerKind.Question, "Welke richting?"), Dirk)
            .Do(new NoteNextStep(gust, "Ik mail de zorgcoördinator"), Gust)
            .Do(new AddNote(ChatNote.Parse("noteer deze schrappen we")!), Dirk)
            .Do(new ControlTimer(TimerControl.Pause), Eva);
        gustUp = gustUp.Do(new StrikeNote(gustUp.Records.Notes[1].Id), Dirk);
        var stopped = gustUp.Do(new ControlTimer(TimerControl.Resume), Eva).Do(new ControlTimer(TimerControl.Stop), An);
        var finished = stopped.Do(new PickPitch(stopped.PitchOf(Eva).Id), An).Do(new NextPitch(), An);
        var closed = finished.Do(new RequestClose(), An).Do(new ConfirmClose(), An);
        return (planned,
        [
            ("planned", planned),
            ("open-queue", open),
            ("group-pitch-up", bartUp),
            ("facilitators-pitch-up", fennaUp),
            ("anonymous-pitch-up-paused", gustUp),
            ("timer-stopped", stopped),
            ("round-finished", finished),
            ("closed", closed),
        ]);
    }
}
