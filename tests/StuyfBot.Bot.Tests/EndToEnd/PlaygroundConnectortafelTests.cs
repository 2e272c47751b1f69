using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StuyfBot.Bot.Features.Summaries;
using StuyfBot.Bot.Kernel;
using StuyfBot.Bot.Tests.Infrastructure;
using StuyfBot.Bot.Tests.Storage;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Pitches;
using StuyfBot.Cards.Sessions;
using StuyfBot.Dialogs.Notes;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Roles;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Dialogs.Summaries;
using StuyfBot.Platform.Scheduling;
using StuyfBot.Platform.Storage;
using StuyfBot.Platform.Storage.Blobs;
using StuyfBot.Platform.Storage.State;
using StuyfBot.Testing;
using static StuyfBot.Bot.Tests.Infrastructure.CardReading;

namespace StuyfBot.Bot.Tests.EndToEnd;

/// <summary>
/// A whole connectortafel through the Agents Playground, in Flemish (nl-BE), with the bot's state
/// in Azurite and the bot on a manual clock: An plans it; An (anonymously) and Koen (for the
/// facilitators only) send their pitch beforehand from the pitch card in their 1:1 chat; Fatima
/// only comes to listen. Jef starts it, everyone checks in, the three roles are taken or
/// given, Lotte adds a pitch live, and three rounds follow with tips, contacts, offers and
/// questions, each pitcher's next step, the timer's warnings as the clock moves, the chat-scribe's
/// notes (one struck) and "sluit af". Then the summary: its card in the group, the six files in
/// Azurite read back field by field, and each pitcher's recap in their 1:1 chat.
/// <para>
/// Everyone acts with a raw activity through the playground (POST /_internal/v1/customActivities):
/// its own message and invoke APIs always speak en-US and send as the current user (An).
/// What people see is read from the playground: the group chat and An's 1:1 chat from its
/// conversation stream, the other people's 1:1 chats (which its UI does not show) from its log of
/// the bot's calls it accepted, and each presser's own view from the invoke responses.
/// </para>
/// <para>
/// Privacy throughout: nothing of Koen's facilitators-only pitch (every text of it carries
/// "SECRET") reaches the group in any message, card or summary, nor the group's files; An's name
/// is never shown with her anonymous pitch, anywhere (outside the attendance on the live card).
/// </para>
/// </summary>
public sealed class PlaygroundConnectortafelTests : IAsyncLifetime
{
    private const string Locale = "nl-BE";
    private const string CardType = "application/vnd.microsoft.card.adaptive";
    private const string MessageType = "application/vnd.microsoft.activity.message";

    /// <summary>Monday 2 March 2026, 19:30 in Brussels (UTC+1): the connectortafel is at 20:00.</summary>
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 18, 30, 0, TimeSpan.Zero);

    /// <summary>Generous: for background work (card updates, reminders), never a timing assertion.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a person takes to type or press, on the bot's clock. The bot keeps its sends to a
    /// conversation within Teams' limits (7 a second, 8 in 2 s, 60 in 30 s) on that clock, so a
    /// clock that never moved would, rightly, make it wait forever after eight sends.
    /// </summary>
    private static readonly TimeSpan ThinkingTime = TimeSpan.FromSeconds(3);

    private static readonly Text Nl = Text.For(Locale);

    // What the pitchers write. Every text of Koen's pitch and its answers carries SECRET.
    private static readonly (string Input, string Value)[] AnPitch =
    [
        (SessionVerbs.PitchAliveInput, "ANON Ik wil leren fietsen, samen met mijn dochter"),
        (SessionVerbs.PitchSeekInput, "ANON Iemand met geduld en een fiets te veel"),
        (SessionVerbs.PitchVisibilityInput, "anonymous"),
    ];

    private static readonly (string Input, string Value)[] KoenPitch =
    [
        (SessionVerbs.PitchAliveInput, "SECRET Schulden, en de schaamte erover"),
        (SessionVerbs.PitchSeekInput, "SECRET Een luisterend oor"),
        (SessionVerbs.PitchStepInput, "SECRET De budgetcoach bellen"),
        (SessionVerbs.PitchCuriousInput, "SECRET Hoe anderen dit aanpakken"),
        (SessionVerbs.PitchVisibilityInput, "facilitators"),
    ];

    private static readonly (string Input, string Value)[] LottePitch =
    [
        (SessionVerbs.PitchAliveInput, "LIVE Een repair café in de wijk"),
        (SessionVerbs.PitchSeekInput, "LIVE Iemand met een werkplaats"),
        (SessionVerbs.PitchVisibilityInput, "group"),
    ];

    private const string RepairLink = "https://repaircafe.example/kortrijk";

    private readonly FakeTimeProvider _clock = new(T0);

    /// <summary>When each answer and chat line was given, on the bot's clock: the summary keeps it.</summary>
    private readonly Dictionary<string, DateTimeOffset> _said = new(StringComparer.Ordinal);
    private AzuriteServer _azurite = null!;
    private BotServer _bot = null!;
    private AgentsPlayground _playground = null!;
    private string _cardId = null!;
    private string _sessionId = null!;
    private DateTimeOffset _openedAt;
    private DateTimeOffset _closedAt;

    private PlaygroundConfig Config => _playground.Config;

    private string Group => Config.GroupChat.Id;

    private PlaygroundUser An => Config.People[0];

    private PlaygroundUser Jef => Config.People[1];

    private PlaygroundUser Fatima => Config.People[2];

    private PlaygroundUser Lotte => Config.People[3];

    private PlaygroundUser Koen => Config.People[4];

    private PlaygroundUser Sofie => Config.People[5];

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        _bot = await BotServer.StartAsync(
            new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = _azurite.ConnectionString,

                // The card updates wait on the bot's clock, which moves only when the test says so.
                ["Sessions:CardUpdateInterval"] = "00:00:00",
            },
            builder => builder.Services.AddSingleton<TimeProvider>(_clock));
        _playground = await AgentsPlayground.StartAsync(new Uri(_bot.BaseAddress, "api/messages"), PlaygroundRoster.Stuyfplek);
    }

    public async Task DisposeAsync()
    {
        if (_playground is not null)
        {
            await _playground.DisposeAsync();
        }

        if (_bot is not null)
        {
            await _bot.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_planned_connectortafel_with_pitches_beforehand_and_live_three_rounds_a_close_and_its_summary_and_recaps()
    {
        Assert.Equal(["An Peeters", "Jef Claes", "Fatima El Amrani", "Lotte Vermeulen", "Koen De Smet", "Sofie Janssens"], Config.People.Select(p => p.Name));

        var (anChat, koenChat) = await PlanAndPitchBeforehandAsync();
        await StartCheckInAndDivideRolesAsync();
        await RoundOneAsync();
        await RoundTwoAsync();
        await RoundThreeAsync();
        await CloseAsync();
        await CheckSummaryCardAndRecapsAsync(anChat, koenChat);
        await CheckStoredAsync();

        // An hour later the summary's backstop has run (and found everything sent), and the timers'
        // outdated alerts were dropped: the group read each message once, in this order.
        await PassAsync(TimeSpan.FromHours(1));
        Assert.Equal(ReminderState.Done, Assert.Single(await ClaimsAsync(SummaryPublisher.ReminderKind)).State);
        Assert.Equal(
            [
                Nl.Format("RoundPlannedAnnouncement", "Connectortafel", "maandag 2 maart 2026 om 20:00"),
                Nl.Format("SessionRoleAssigned", "<at>Lotte Vermeulen</at>", "Methodisch ondersteuner"),
                Nl.Format("RoundPitchUp", Nl["PitchAnonymous"]),
                Nl.Format("TimerWarningPitch", 1),
                Nl.Format("TimerTimeUpPitch", 10),
                Nl["NoteTakenNotice"],
                Nl.Format("NoteTakenTagged", "tip"),
                Nl["RefusalOnlyScribe"],
                Nl["NoteTakenNotice"],
                Nl.Format("TimerWarningAnswers", 1),
                Nl["TimerTimeUpAnswers"],
                Nl.Format("RoundPitchUp", Nl["PitchForFacilitators"]),
                Nl.Format("RoundPitchUp", "<at>Lotte Vermeulen</at>"),
                Nl["RoundFinishedNotice"],
                Nl["RefusalOnlyModerator"],
            ],
            GroupTexts());

        // One live card all along (the planned card became it), an answer card per pitch, the close question, the summary.
        Assert.Equal(
            [
                "Connectortafel: Wijkcentrum",
                Nl.Format("AnswerCardTitle", Nl["PitchAnonymous"]),
                Nl.Format("AnswerCardTitle", Nl["PitchForFacilitators"]),
                Nl.Format("AnswerCardTitle", "Lotte Vermeulen"),
                Nl["SessionCloseQuestion"],
                "Verslag: Connectortafel: Wijkcentrum",
            ],
            GroupCards().Select(c => Texts(c)[0]));

        // Each pitcher got one recap, nobody else any; An's 1:1 chat holds her pitch card and her recap.
        var lotteChat = await _playground.WaitForPersonalChatAsync(Lotte.Id);
        Assert.Equal(
            new[] { anChat, koenChat, lotteChat }.Order(StringComparer.Ordinal),
            _playground.Log.Items.Where(e => e.IsFromBot && e.ResponseStatus == 201 && e.RequestBody is JsonObject a && IsRecap(a)).Select(e => e.ConversationId).Order(StringComparer.Ordinal));
        Assert.Equal(2, _playground.Messages.Items.Count(m => m.ConversationId == anChat && !m.IsUpdate));

        CheckPrivacyInTheGroup();
        CheckThePlaygroundAcceptedEverything();
        await CheckEveryCardIsValidAsync();
    }

    /// <summary>An plans; An and Koen send a pitch from their 1:1 pitch card; Fatima will only listen.</summary>
    private async Task<(string AnChat, string KoenChat)> PlanAndPitchBeforehandAsync()
    {
        await SayAsync(An, "plan connectortafel 2/3 20:00 Wijkcentrum");
        var plannedCard = Assert.Single(await _playground.WaitForMessagesAsync(Group, m => m.Card is not null));
        var planned = plannedCard.Card!;
        _cardId = plannedCard.MessageId;
        _sessionId = SessionIdIn(planned);
        Assert.Contains("Connectortafel: Wijkcentrum", Texts(planned));
        Assert.Equal(Nl["SessionStatusPlanned"], Facts(planned)["Status"]);
        Assert.Equal("maandag 2 maart 2026 om 20:00", Facts(planned)["Wanneer"]);
        Assert.Equal([SessionVerbs.Start, SessionVerbs.ShowPitchForm, SessionVerbs.ListenOnly], Verbs(planned));
        var announcement = Assert.Single(await _playground.WaitForMessagesAsync(Group, m => m.Text is not null));
        Assert.Equal(Nl.Format("RoundPlannedAnnouncement", "Connectortafel", "maandag 2 maart 2026 om 20:00"), announcement.Text);
        Assert.Empty(Mentioned(announcement));

        // An presses "Stel je vraag vooraf": the pitch card comes in her 1:1 chat (the playground's personal chat).
        Assert.Equal(Nl["PitchFormSent"], await PressForMessageAsync(An, Group, _cardId, Fill(planned, SessionVerbs.ShowPitchForm), SessionVerbs.ShowPitchForm));
        var anChat = await _playground.WaitForPersonalChatAsync(An.Id);
        Assert.Equal(Config.PersonalChat.Id, anChat);
        var anForm = Assert.Single(await _playground.WaitForMessagesAsync(anChat, m => m.Card is not null));
        Assert.Contains("Je vraag voor Connectortafel: Wijkcentrum, maandag 2 maart 2026 om 20:00", Texts(anForm.Card!));
        var anSaved = await PressForCardAsync(An, anChat, anForm.MessageId, Fill(anForm.Card!, SessionVerbs.SubmitPitch, AnPitch), SessionVerbs.SubmitPitch);
        Assert.Contains(Nl["PitchCardSaved"], Texts(anSaved));
        Assert.Equal(AnPitch[0].Value, Facts(anSaved)["Wat leeft er?"]);
        Assert.Equal(Nl["PitchVisibilityAnonymous"], Facts(anSaved)["Wie mag dit zien?"]);

        // A minute later Koen does the same; the playground makes his 1:1 chat for the bot.
        await PassAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(Nl["PitchFormSent"], await PressForMessageAsync(Koen, Group, _cardId, Fill(planned, SessionVerbs.ShowPitchForm), SessionVerbs.ShowPitchForm));
        var koenChat = await _playground.WaitForPersonalChatAsync(Koen.Id);
        Assert.EndsWith(PlaygroundConfig.CreatedPersonalChatSuffix, koenChat, StringComparison.Ordinal);
        var koenForm = Assert.Single(await _playground.WaitForBotPostsAsync(koenChat));
        var koenFormCard = CardOf(koenForm);
        Assert.Contains("Je vraag voor Connectortafel: Wijkcentrum, maandag 2 maart 2026 om 20:00", Texts(koenFormCard));
        var koenSaved = await PressForCardAsync(Koen, koenChat, MessageIdOf(koenForm), Fill(koenFormCard, SessionVerbs.SubmitPitch, KoenPitch), SessionVerbs.SubmitPitch);
        Assert.Contains(Nl["PitchCardSaved"], Texts(koenSaved));
        Assert.Equal(Nl["PitchVisibilityFacilitatorsOnly"], Facts(koenSaved)["Wie mag dit zien?"]);
        Assert.Equal(KoenPitch[3].Value, Facts(koenSaved)["Waar ben je nieuwsgierig naar?"]);

        // Fatima only comes to listen. The planned card counts, and shows nobody's question.
        await PassAsync(TimeSpan.FromMinutes(1));
        var listening = await PressForCardAsync(Fatima, Group, _cardId, Fill(planned, SessionVerbs.ListenOnly), SessionVerbs.ListenOnly);
        Assert.Contains(Nl["RoundYouListenOnly"], string.Join(" ", Texts(listening)), StringComparison.Ordinal);
        var counted = await SharedCardAsync(c => Texts(c).Contains(Nl.Format("RoundPlannedCounts", 2, 1)));
        Assert.DoesNotContain("ANON", counted.ToJsonString(), StringComparison.Ordinal);
        return (anChat, koenChat);
    }

    /// <summary>At 20:00 Jef starts; everyone checks in (Fatima to listen); the roles are taken or given.</summary>
    private async Task StartCheckInAndDivideRolesAsync()
    {
        await PassUntilAsync(T0.AddMinutes(30));
        var planned = LastSharedCard();
        Assert.Equal(Nl["SessionStartedBelow"], await PressForMessageAsync(Jef, Group, _cardId, Fill(planned, SessionVerbs.Start), SessionVerbs.Start));
        _openedAt = _clock.GetUtcNow();

        // The planned card itself becomes the live card.
        var live = await SharedCardAsync(c => Facts(c).GetValueOrDefault("Status") == "Bezig");
        Assert.Equal("Jef Claes", Facts(live)["Aanwezig (1)"]);
        Assert.Equal("Jef Claes", Facts(live)["Moderator"]);
        Assert.Contains(Nl.Format("RoundWaitingTitle", 2), Texts(live));
        Assert.Contains(Nl.Format("RoundRow", "1. " + Nl["PitchAnonymous"], AnPitch[1].Value), Texts(live));
        Assert.Contains("2. " + Nl["PitchForFacilitators"], Texts(live));

        foreach (var person in new[] { An, Lotte, Koen, Sofie })
        {
            var view = await PressForCardAsync(person, Group, _cardId, Fill(live, SessionVerbs.CheckIn), SessionVerbs.CheckIn);
            Assert.Contains(Nl["SessionYouArePresent"], string.Join(" ", Texts(view)), StringComparison.Ordinal);
        }

        var fatima = await PressForCardAsync(Fatima, Group, _cardId, Fill(live, SessionVerbs.Listen), SessionVerbs.Listen);
        Assert.Contains(Nl["SessionYouListen"], string.Join(" ", Texts(fatima)), StringComparison.Ordinal);
        var here = await SharedCardAsync(c => Facts(c).ContainsKey("Aanwezig (5)") && Facts(c).ContainsKey("Luistert mee (1)"));
        Assert.Equal(["An Peeters", "Jef Claes", "Koen De Smet", "Lotte Vermeulen", "Sofie Janssens"], Facts(here)["Aanwezig (5)"].Split(", ").Order());
        Assert.Equal("Fatima El Amrani", Facts(here)["Luistert mee (1)"]);

        // Sofie keeps the time, Fatima gathers the chat; Jef gives Lotte the methodical support.
        await PressForCardAsync(Sofie, Group, _cardId, FillTitled(here, Nl.Format("ButtonTakeRole", "Tijdwaarnemer")), SessionVerbs.TakeRole);
        await PressForCardAsync(Fatima, Group, _cardId, FillTitled(here, Nl.Format("ButtonTakeRole", "Chatverzamelaar")), SessionVerbs.TakeRole);
        var jefsView = await RefreshAsync(Jef);
        var assigned = await PressForCardAsync(
            Jef,
            Group,
            _cardId,
            Fill(jefsView, SessionVerbs.AssignRole, (SessionVerbs.AssignPersonInput, Lotte.Id), (SessionVerbs.AssignRoleInput, "methodicalSupporter")),
            SessionVerbs.AssignRole);
        Assert.Equal("Lotte Vermeulen", Facts(assigned)["Methodisch ondersteuner"]);
        var given = Assert.Single(await _playground.WaitForMessagesAsync(Group, m => m.Text?.StartsWith("De moderator geeft", StringComparison.Ordinal) == true));
        Assert.Equal(Nl.Format("SessionRoleAssigned", "<at>Lotte Vermeulen</at>", "Methodisch ondersteuner"), given.Text);
        Assert.Equal([Lotte.Id], Mentioned(given));
        var roles = Facts(await SharedCardAsync(c => Facts(c).GetValueOrDefault("Methodisch ondersteuner") == "Lotte Vermeulen"));
        Assert.Equal(("Jef Claes", "Sofie Janssens", "Fatima El Amrani"), (roles["Moderator"], roles["Tijdwaarnemer"], roles["Chatverzamelaar"]));

        // The facilitators (Jef, and now Lotte) see Koen's pitch with his name; the others do not.
        var lottesView = await RefreshAsync(Lotte);
        Assert.Contains(Nl.Format("RoundRow", "2. " + Nl.Format("PitchNameFacilitatorsOnly", "Koen De Smet"), KoenPitch[1].Value), Texts(lottesView));
        Assert.Contains(Nl.Format("RoundRow", "1. " + Nl["PitchAnonymous"], AnPitch[1].Value), Texts(lottesView));
        Assert.DoesNotContain("Peeters", WithoutAttendance(lottesView).ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", (await RefreshAsync(Sofie)).ToJsonString(), StringComparison.Ordinal);

        // Lotte adds her pitch live, for the whole group; Koen cannot add a second one.
        var lotte = await PressForCardAsync(Lotte, Group, _cardId, Fill(LastSharedCard(), SessionVerbs.SubmitPitch, LottePitch), SessionVerbs.SubmitPitch);
        Assert.Contains(Nl.Format("RoundYourPitchWaiting", 3), string.Join(" ", Texts(lotte)), StringComparison.Ordinal);
        Assert.Equal(
            Nl["RefusalAlreadyPitched"],
            await PressForMessageAsync(Koen, Group, _cardId, Fill(LastSharedCard(), SessionVerbs.SubmitPitch, [(SessionVerbs.PitchAliveInput, "SECRET nog een"), (SessionVerbs.PitchVisibilityInput, "group")]), SessionVerbs.SubmitPitch));
        var queue = await SharedCardAsync(c => Texts(c).Contains(Nl.Format("RoundWaitingTitle", 3)));
        Assert.Contains(Nl.Format("RoundRow", "3. Lotte Vermeulen", LottePitch[1].Value), Texts(queue));
    }

    /// <summary>An's anonymous pitch: every alert as the clock moves, four kinds of answers, notes, a struck note, her next step.</summary>
    private async Task RoundOneAsync()
    {
        await PressForCardAsync(Jef, Group, _cardId, Fill(await RefreshAsync(Jef), SessionVerbs.NextPitch), SessionVerbs.NextPitch);
        var up1 = _clock.GetUtcNow();
        var (up, answerCard) = await PitchUpAsync(Nl["PitchAnonymous"]);
        Assert.Empty(Mentioned(up));
        Assert.Contains(Nl.Format("AnswerCardTitle", Nl["PitchAnonymous"]), Texts(answerCard.Card!));
        Assert.Equal(AnPitch[1].Value, Facts(answerCard.Card!)["Wat zoek je?"]);
        var current = await SharedCardAsync(c => Texts(c).Contains(Nl.Format("RoundCurrent", Nl["PitchAnonymous"])));
        Assert.Contains(Nl.Format("RoundTimerRunning", PitchText.Clock(up1.AddMinutes(5)), PitchText.Clock(up1.AddMinutes(15))), Texts(current));

        // The timer warns a minute before the pitch ends, then says time: once each.
        await PassUntilAsync(up1.AddMinutes(4));
        await GroupTextAsync(Nl.Format("TimerWarningPitch", 1));
        await PassUntilAsync(up1.AddMinutes(5));
        await GroupTextAsync(Nl.Format("TimerTimeUpPitch", 10));

        // Answers: on the answer card (its sender gets it back with thanks) and on the live card.
        var thanks = await AnswerOnCardAsync(Lotte, answerCard, "tip", "Bij Fietsatelier De Ketting leren ze volwassenen fietsen");
        Assert.Contains(Nl["AnswerThanks"], Texts(thanks));
        await AnswerAsync(Jef, _cardId, LastSharedCard(), "contact", "Mieke van de fietsschool");
        await AnswerOnCardAsync(Fatima, answerCard, "offer", "Ik heb een damesfiets die je mag lenen");
        await AnswerOnCardAsync(Sofie, answerCard, "question", "Heeft je dochter al een fiets?");
        Assert.Equal(Nl["RefusalOwnPitch"], await PressForMessageAsync(An, Group, answerCard.MessageId, Fill(answerCard.Card!, SessionVerbs.Answer, (SessionVerbs.AnswerKindInput, "tip"), (SessionVerbs.AnswerTextInput, "mijn eigen tip")), SessionVerbs.Answer));
        await SharedCardAsync(c => Texts(c).Contains(PitchCounts(1, 1, 1, 1)));

        // The chat-scribe's notes: "noteer" is hers, a tag is anyone's; she strikes one.
        await SayAsync(Fatima, $"noteer Repair café: {RepairLink}");
        await GroupTextAsync(Nl["NoteTakenNotice"]);
        await SayAsync(Jef, "#tip het buurthuis is open op woensdag");
        await GroupTextAsync(Nl.Format("NoteTakenTagged", "tip"));
        await SayAsync(Koen, "noteer dit ook");
        await GroupTextAsync(Nl["RefusalOnlyScribe"]);
        await SayAsync(Fatima, "noteer oeps, dit hoort hier niet");
        await GroupTextAsync(Nl["NoteTakenNotice"], count: 2);
        var scribe = await RefreshAsync(Fatima);
        var oops = Choices(scribe, SessionVerbs.StrikeNoteInput).Single(c => c.Key.StartsWith("oeps", StringComparison.Ordinal)).Value;
        await PressForCardAsync(Fatima, Group, _cardId, Fill(scribe, SessionVerbs.StrikeNote, (SessionVerbs.StrikeNoteInput, oops)), SessionVerbs.StrikeNote);
        await SharedCardAsync(c => Texts(c).Contains(Nl.Format("RoundNotesLine", 2, 1)));

        // The answer round ends: a warning, then time; An notes her next step.
        await PassUntilAsync(up1.AddMinutes(14));
        await GroupTextAsync(Nl.Format("TimerWarningAnswers", 1));
        await PassUntilAsync(up1.AddMinutes(15));
        await GroupTextAsync(Nl["TimerTimeUpAnswers"]);
        var step = await PressForCardAsync(An, Group, _cardId, Fill(await RefreshAsync(An), SessionVerbs.NextStep, (SessionVerbs.NextStepInput, "ANON Zaterdag naar het fietsatelier")), SessionVerbs.NextStep);
        Assert.Contains(Nl.Format("RoundNextStepLine", "ANON Zaterdag naar het fietsatelier"), Texts(step));
    }

    /// <summary>Koen's pitch for the facilitators: the group sees only that there is one; the timekeeper pauses the timer.</summary>
    private async Task RoundTwoAsync()
    {
        await PressForCardAsync(Jef, Group, _cardId, Fill(await RefreshAsync(Jef), SessionVerbs.NextPitch), SessionVerbs.NextPitch);
        var up2 = _clock.GetUtcNow();
        var (up, answerCard) = await PitchUpAsync(Nl["PitchForFacilitators"]);
        Assert.Empty(Mentioned(up));
        Assert.Contains(Nl["RoundForFacilitatorsHint"], Texts(answerCard.Card!));
        Assert.Empty(Facts(answerCard.Card!));
        var current = await SharedCardAsync(c => Texts(c).Contains(Nl.Format("RoundCurrent", Nl["PitchForFacilitators"])));
        Assert.Contains(Nl["RoundForFacilitatorsHint"], Texts(current));

        // Jef (moderator) and Lotte (methodical supporter) see it and answer it.
        var jefsView = await RefreshAsync(Jef);
        Assert.Equal(KoenPitch[1].Value, Facts(Container(jefsView, Nl.Format("RoundCurrent", Nl.Format("PitchNameFacilitatorsOnly", "Koen De Smet"))))["Wat zoek je?"]);
        await AnswerOnCardAsync(Lotte, answerCard, "tip", "SECRET Het OCMW heeft gratis budgetbegeleiding");
        await AnswerAsync(Jef, _cardId, jefsView, "contact", "SECRET Mieke van Schuldhulp Kortrijk");

        // Two minutes in, Sofie pauses the timer; ten minutes later nothing was said.
        await PassUntilAsync(up2.AddMinutes(2));
        var paused = await PressForCardAsync(Sofie, Group, _cardId, Fill(await RefreshAsync(Sofie), SessionVerbs.TimerPause), SessionVerbs.TimerPause);
        var ran = _clock.GetUtcNow() - up2;
        Assert.Contains(Nl.Format("RoundTimerPaused", PitchText.Duration(ran), PitchText.Duration(TimeSpan.FromMinutes(5) - ran), Nl["TimerPhasePitch"]), Texts(paused));
        await PassAsync(TimeSpan.FromMinutes(10));
        var koen = await PressForCardAsync(Koen, Group, _cardId, Fill(await RefreshAsync(Koen), SessionVerbs.NextStep, (SessionVerbs.NextStepInput, "SECRET Maandag de budgetcoach bellen")), SessionVerbs.NextStep);
        Assert.Contains(Nl.Format("RoundNextStepLine", "SECRET Maandag de budgetcoach bellen"), Texts(koen));
    }

    /// <summary>Lotte's live pitch, with her name; the round ends.</summary>
    private async Task RoundThreeAsync()
    {
        await PressForCardAsync(Jef, Group, _cardId, Fill(await RefreshAsync(Jef), SessionVerbs.NextPitch), SessionVerbs.NextPitch);
        var (up, answerCard) = await PitchUpAsync("<at>Lotte Vermeulen</at>");
        Assert.Equal([Lotte.Id], Mentioned(up));
        Assert.Equal(LottePitch[0].Value, Facts(answerCard.Card!)["Wat leeft er?"]);

        await AnswerOnCardAsync(Jef, answerCard, "tip", $"Het Wijkpunt heeft een werkplaats, zie {RepairLink}");
        await AnswerOnCardAsync(Koen, answerCard, "contact", "Ik ken Mieke van Repair Gent");
        await AnswerOnCardAsync(Fatima, answerCard, "question", "Welke dagen ben je vrij?");
        await AnswerOnCardAsync(Sofie, answerCard, "offer", "Ik help met gereedschap");
        await PressForCardAsync(Lotte, Group, _cardId, Fill(await RefreshAsync(Lotte), SessionVerbs.NextStep, (SessionVerbs.NextStepInput, "LIVE Mieke mailen")), SessionVerbs.NextStep);
        await SharedCardAsync(c => Texts(c).Contains(PitchCounts(1, 1, 1, 1)) && Texts(c).Contains(Nl.Format("RoundNextStepLine", "LIVE Mieke mailen")));

        // Nobody waits any more: Jef rounds the pitch off and the round is done.
        var last = await RefreshAsync(Jef);
        Assert.Contains(Nl["ButtonEndPitch"], Texts(last));
        await PressForCardAsync(Jef, Group, _cardId, Fill(last, SessionVerbs.NextPitch), SessionVerbs.NextPitch);
        await GroupTextAsync(Nl["RoundFinishedNotice"]);
    }

    /// <summary>Only the moderator closes, after saying yes.</summary>
    private async Task CloseAsync()
    {
        await SayAsync(Sofie, "sluit af");
        await GroupTextAsync(Nl["RefusalOnlyModerator"]);
        await SayAsync(Jef, "sluit af");
        var question = Assert.Single(await _playground.WaitForMessagesAsync(Group, m => m.Card is { } c && Texts(c).Contains(Nl["SessionCloseQuestion"])));
        var closed = await PressForCardAsync(Jef, Group, question.MessageId, Fill(question.Card!, SessionVerbs.ConfirmClose), SessionVerbs.ConfirmClose);
        _closedAt = _clock.GetUtcNow();
        Assert.Contains(Nl["SessionClosedThanks"], Texts(closed));
        Assert.Empty(Verbs(closed));

        var final = await SharedCardAsync(c => Facts(c).GetValueOrDefault("Status") == "Afgesloten");
        Assert.Empty(Verbs(final));
        Assert.Null(final["refresh"]);
        Assert.Contains(Nl.Format("RoundDoneTitle", 3), Texts(final));
    }

    /// <summary>The group's summary card, and each pitcher's recap in their 1:1 chat.</summary>
    private async Task CheckSummaryCardAndRecapsAsync(string anChat, string koenChat)
    {
        var summary = Assert.Single(await _playground.WaitForMessagesAsync(Group, m => m.Card is { } c && Texts(c).Contains("Verslag: Connectortafel: Wijkcentrum"))).Card!;
        Assert.Contains(Nl.Format("SummaryHeldOn", "maandag 2 maart 2026 om 20:00"), Texts(summary));
        var attendance = Facts(Nodes(summary).First(n => (string?)n["type"] == "FactSet"));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Ingecheckt"] = "6",
                ["Luisterden mee"] = "1",
                ["Vertrokken voor het einde"] = "0",
                ["Pitches aan bod"] = "2",
                ["Moderator"] = "Jef Claes",
                ["Tijdwaarnemer"] = "Sofie Janssens",
                ["Chatverzamelaar"] = "Fatima El Amrani",
                ["Methodisch ondersteuner"] = "Lotte Vermeulen",
            },
            attendance);
        // Each pitch under its number and who may be named ("1." is escaped as Markdown: Teams shows "1. Een anonieme pitch").
        var anonymous = Container(summary, @"1\. " + Nl["PitchAnonymous"]);
        Assert.Equal(AnPitch[0].Value, Facts(anonymous)["Wat leeft er?"]);
        Assert.Contains(Nl.Format("RoundNextStepLine", "ANON Zaterdag naar het fietsatelier"), Texts(anonymous));
        Assert.Contains(Nl.Format("SummaryAnswerLine", "Ik heb een damesfiets die je mag lenen", "Fatima El Amrani"), Texts(anonymous));
        var lottes = Container(summary, @"2\. Lotte Vermeulen");
        Assert.Equal(LottePitch[1].Value, Facts(lottes)["Wat zoek je?"]);
        Assert.Contains(Nl.Format("SummaryAnswerLine", "Ik ken Mieke van Repair Gent", "Koen De Smet"), Texts(lottes));
        Assert.DoesNotContain(Texts(summary), t => t.StartsWith(@"3\.", StringComparison.Ordinal));
        Assert.Contains(Texts(summary), t => t.Contains("*tip*: het buurthuis is open op woensdag", StringComparison.Ordinal));
        Assert.DoesNotContain(Texts(summary), t => t.Contains("oeps", StringComparison.Ordinal));

        // An's recap shows in her 1:1 chat in the playground: her pitch, every answer, her next step.
        var anRecap = Assert.Single(await _playground.WaitForMessagesAsync(anChat, m => m.Card is { } c && IsRecapCard(c))).Card!;
        Assert.Contains(Nl["RecapThanks"], Texts(anRecap));
        Assert.Equal(AnPitch[1].Value, Facts(anRecap)["Wat zoek je?"]);
        Assert.Contains("- " + Nl.Format("SummaryAnswerLine", "Bij Fietsatelier De Ketting leren ze volwassenen fietsen", "Lotte Vermeulen"), Texts(anRecap));
        Assert.Contains("- " + Nl.Format("SummaryAnswerLine", "Heeft je dochter al een fiets?", "Sofie Janssens"), Texts(anRecap));
        Assert.Contains(Nl.Format("RecapNextStep", "ANON Zaterdag naar het fietsatelier"), Texts(anRecap));

        // Koen's and Lotte's recaps went to their 1:1 chats (Lotte's made for it at the close).
        var koenRecap = CardOf(Assert.Single(await _playground.WaitForBotPostsAsync(koenChat, IsRecap)));
        Assert.Equal(KoenPitch[2].Value, Facts(koenRecap)["Wat is je volgende stap?"]);
        Assert.Contains("- " + Nl.Format("SummaryAnswerLine", "SECRET Het OCMW heeft gratis budgetbegeleiding", "Lotte Vermeulen"), Texts(koenRecap));
        Assert.Contains(Nl.Format("RecapNextStep", "SECRET Maandag de budgetcoach bellen"), Texts(koenRecap));
        var lotteChat = await _playground.WaitForPersonalChatAsync(Lotte.Id);
        var lotteRecap = CardOf(Assert.Single(await _playground.WaitForBotPostsAsync(lotteChat, IsRecap)));
        Assert.Equal(LottePitch[0].Value, Facts(lotteRecap)["Wat leeft er?"]);
        Assert.Equal(4, Texts(lotteRecap).Count(t => t.StartsWith("- ", StringComparison.Ordinal)));
        Assert.Contains(Nl.Format("RecapNextStep", "LIVE Mieke mailen"), Texts(lotteRecap));
    }

    /// <summary>What Azurite holds, read with the bot's own store from a fresh client: the session, its records and the six summary files.</summary>
    private async Task CheckStoredAsync()
    {
        var store = BlobDocumentStore.WithConnectionString(_azurite.ConnectionString, new StorageOptions().Container, NullLogger<BlobDocumentStore>.Instance);
        var state = StorageTestSupport.State(store);
        var hash = await new KeyedHashProvider(state, TimeProvider.System).GetAsync(CancellationToken.None);

        var sessions = Assert.IsType<Versioned<ConversationSessions>>(await state.ReadAsync(SessionKeys.ConversationSessions(hash, Group), ConversationSessions.Kind, CancellationToken.None)).Value;
        Assert.Equal(Locale, sessions.Locale);
        var session = sessions.Current!;
        Assert.Equal((_sessionId, _cardId, SessionStatus.Closed), (session.Id, session.CardActivityId, session.Status));
        Assert.Equal((T0.AddMinutes(30), _openedAt, _closedAt), (session.PlannedFor!.Value, session.OpenedAt!.Value, session.ClosedAt!.Value));
        Assert.Equal(Jef.Id, session.Moderator);
        Assert.Equal((Sofie.Id, Fatima.Id, Lotte.Id), (session.HolderOf(Role.Timekeeper), session.HolderOf(Role.ChatScribe), session.HolderOf(Role.MethodicalSupporter)));

        var records = await new SessionItemStore(state, TimeProvider.System, NullLogger<SessionItemStore>.Instance).ReadAsync(_sessionId, CancellationToken.None);
        var pitches = records.Pitches.Where(p => p.IsActive()).ToList();
        Assert.Equal(
            [(An.Id, PitchVisibility.Anonymous, PitchSource.PreSubmitted), (Koen.Id, PitchVisibility.FacilitatorsOnly, PitchSource.PreSubmitted), (Lotte.Id, PitchVisibility.Group, PitchSource.Live)],
            pitches.Select(p => (p.AuthorKey, p.Visibility, p.Source)));
        Assert.Single(records.Pitches, p => p is { ListenOnly: true } && p.AuthorKey == Fatima.Id);
        Assert.Equal(session.Round.Presented, pitches.Select(p => p.Id));
        Assert.Equal([4, 2, 4], pitches.Select(p => records.AnswersTo(p.Id).Count));
        Assert.Equal(
            [($"Repair café: {RepairLink}", false), ("het buurthuis is open op woensdag", false), ("oeps, dit hoort hier niet", true)],
            records.Notes.OrderBy(n => n.Record.At).Select(n => (n.Record.Text, n.Struck)));

        // The six summary files, create-only, under summaries/2026/03/.
        var files = await StorageTestSupport.AllKeysAsync(store, "summaries/");
        Assert.Equal(
            new[] { "json", "md", "html", "facilitators.json", "facilitators.md", "facilitators.html" }.Select(e => $"summaries/2026/03/{_sessionId}.{e}").Order(),
            files.Order());
        var group = await ReadSummaryAsync(store, $"summaries/2026/03/{_sessionId}.json");
        var facilitators = await ReadSummaryAsync(store, $"summaries/2026/03/{_sessionId}.facilitators.json");
        CheckSummary(group, SummaryAudience.Group);
        CheckSummary(facilitators, SummaryAudience.Facilitators);

        var groupJson = await ReadTextAsync(store, $"summaries/2026/03/{_sessionId}.json");
        Assert.StartsWith("{\"schemaVersion\":1,\"kind\":\"session-summary\",\"data\":{", groupJson, StringComparison.Ordinal);
        foreach (var person in Config.People)
        {
            Assert.DoesNotContain(person.Id, groupJson, StringComparison.Ordinal);
            Assert.DoesNotContain(person.Id, await ReadTextAsync(store, $"summaries/2026/03/{_sessionId}.facilitators.json"), StringComparison.Ordinal);
        }

        foreach (var extension in new[] { "json", "md", "html" })
        {
            var groupFile = await ReadTextAsync(store, $"summaries/2026/03/{_sessionId}.{extension}");
            var facilitatorsFile = await ReadTextAsync(store, $"summaries/2026/03/{_sessionId}.facilitators.{extension}");
            Assert.DoesNotContain("SECRET", groupFile, StringComparison.Ordinal);
            Assert.Contains("SECRET", facilitatorsFile, StringComparison.Ordinal);
            Assert.Contains("Koen De Smet", facilitatorsFile, StringComparison.Ordinal);
            Assert.Contains("ANON Ik wil leren fietsen", groupFile, StringComparison.Ordinal);
            Assert.Contains("LIVE Een repair caf", groupFile, StringComparison.Ordinal);
            Assert.Contains(RepairLink, groupFile, StringComparison.Ordinal);
            foreach (var file in new[] { groupFile, facilitatorsFile })
            {
                Assert.DoesNotContain("Peeters", file, StringComparison.Ordinal);
                Assert.DoesNotContain("oeps", file, StringComparison.Ordinal);
            }
        }

        var markdown = await ReadTextAsync(store, $"summaries/2026/03/{_sessionId}.md");
        Assert.StartsWith("# Verslag: Connectortafel: Wijkcentrum\n", markdown, StringComparison.Ordinal);
        Assert.Contains("### 1\\. Een anonieme pitch\n", markdown, StringComparison.Ordinal);
        Assert.Contains("### 2\\. Lotte Vermeulen\n", markdown, StringComparison.Ordinal);
        Assert.Contains("\n## Notities\n\n- Repair café: https://repaircafe.example/kortrijk\n- *tip*: het buurthuis is open op woensdag\n", markdown, StringComparison.Ordinal);
        Assert.Contains($"- <{RepairLink}>\n", markdown, StringComparison.Ordinal);
        var facilitatorsMarkdown = await ReadTextAsync(store, $"summaries/2026/03/{_sessionId}.facilitators.md");
        Assert.Contains("### 2\\. Koen De Smet (enkel voor de begeleiders)\n", facilitatorsMarkdown, StringComparison.Ordinal);
        Assert.Contains(Nl["SummaryForFacilitators"], facilitatorsMarkdown, StringComparison.Ordinal);
        var html = await ReadTextAsync(store, $"summaries/2026/03/{_sessionId}.html");
        Assert.Contains("<html lang=\"nl-BE\">", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Verslag: Connectortafel: Wijkcentrum</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<h3>1. Een anonieme pitch</h3>", html, StringComparison.Ordinal);
        Assert.Contains("<h3>2. Lotte Vermeulen</h3>", html, StringComparison.Ordinal);
    }

    /// <summary>The stored summary, field by field: the group's leaves Koen's pitch out; neither names An.</summary>
    private void CheckSummary(SessionSummary summary, SummaryAudience audience)
    {
        var facilitators = audience == SummaryAudience.Facilitators;
        Assert.Equal(SessionSummary.CurrentSchemaVersion, summary.SchemaVersion);
        Assert.Equal(audience, summary.Audience);
        Assert.Equal(_sessionId, summary.SessionId);
        Assert.Equal(SessionKind.Connectortafel, summary.Kind);
        Assert.Equal("Wijkcentrum", summary.Title);
        Assert.Equal(T0.AddMinutes(30), summary.PlannedFor);
        Assert.Equal(_openedAt, summary.OpenedAt);
        Assert.Equal(_closedAt, summary.ClosedAt);

        var attendance = summary.Attendance;
        Assert.Equal((6, 5, 1, 0, facilitators ? 3 : 2, "Jef Claes"), (attendance.Total, attendance.Present, attendance.Listened, attendance.Left, attendance.Pitched, attendance.ModeratorName));
        Assert.Equal(
            [(Role.Timekeeper, "Sofie Janssens"), (Role.ChatScribe, "Fatima El Amrani"), (Role.MethodicalSupporter, "Lotte Vermeulen")],
            attendance.Roles.Select(r => (r.Role, Assert.Single(r.Holders))).OrderBy(r => r.Role));

        var expected = new List<SummaryPitch>
        {
            new()
            {
                Number = 1,
                Visibility = PitchVisibility.Anonymous,
                AuthorName = null,
                Content = new PitchContent(AnPitch[0].Value, AnPitch[1].Value, null, null),
                Presented = true,
                NextStep = "ANON Zaterdag naar het fietsatelier",
                Answers =
                [
                    Answer(AnswerKind.Tip, "Bij Fietsatelier De Ketting leren ze volwassenen fietsen", "Lotte Vermeulen"),
                    Answer(AnswerKind.Contact, "Mieke van de fietsschool", "Jef Claes"),
                    Answer(AnswerKind.Offer, "Ik heb een damesfiets die je mag lenen", "Fatima El Amrani"),
                    Answer(AnswerKind.Question, "Heeft je dochter al een fiets?", "Sofie Janssens"),
                ],
            },
        };
        if (facilitators)
        {
            expected.Add(new()
            {
                Number = 2,
                Visibility = PitchVisibility.FacilitatorsOnly,
                AuthorName = "Koen De Smet",
                Content = new PitchContent(KoenPitch[0].Value, KoenPitch[1].Value, KoenPitch[2].Value, KoenPitch[3].Value),
                Presented = true,
                NextStep = "SECRET Maandag de budgetcoach bellen",
                Answers =
                [
                    Answer(AnswerKind.Tip, "SECRET Het OCMW heeft gratis budgetbegeleiding", "Lotte Vermeulen"),
                    Answer(AnswerKind.Contact, "SECRET Mieke van Schuldhulp Kortrijk", "Jef Claes"),
                ],
            });
        }

        expected.Add(new()
        {
            Number = facilitators ? 3 : 2,
            Visibility = PitchVisibility.Group,
            AuthorName = "Lotte Vermeulen",
            Content = new PitchContent(LottePitch[0].Value, LottePitch[1].Value, null, null),
            Presented = true,
            NextStep = "LIVE Mieke mailen",
            Answers =
            [
                Answer(AnswerKind.Tip, $"Het Wijkpunt heeft een werkplaats, zie {RepairLink}", "Jef Claes"),
                Answer(AnswerKind.Contact, "Ik ken Mieke van Repair Gent", "Koen De Smet"),
                Answer(AnswerKind.Question, "Welke dagen ben je vrij?", "Fatima El Amrani"),
                Answer(AnswerKind.Offer, "Ik help met gereedschap", "Sofie Janssens"),
            ],
        });
        Assert.Equal(expected.Count, summary.Pitches.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (want, got) = (expected[i], summary.Pitches[i]);
            Assert.Equal((want.Number, want.Visibility, want.AuthorName, want.Content, want.Presented, want.NextStep), (got.Number, got.Visibility, got.AuthorName, got.Content, got.Presented, got.NextStep));
            Assert.Equal(want.Answers.OrderBy(a => a.Kind), got.Answers.OrderBy(a => a.Kind));
        }

        Assert.Equal(
            [new SummaryNote([], $"Repair café: {RepairLink}", _said[$"noteer Repair café: {RepairLink}"]), new SummaryNote([NoteTag.Tip], "het buurthuis is open op woensdag", _said["#tip het buurthuis is open op woensdag"])],
            summary.Notes,
            SummaryNoteComparer.Instance);
        Assert.Equal([RepairLink], summary.Links);
    }

    /// <summary>Nothing of Koen's pitch anywhere in the group; An's name only in the attendance of the live card.</summary>
    private void CheckPrivacyInTheGroup()
    {
        var shown = _playground.Messages.Items.Where(m => m.ConversationId == Group).ToList();
        var posted = _playground.Log.Items.Where(e => e.IsFromBot && e.ConversationId == Group).Select(e => e.RequestBody?.ToJsonString() ?? string.Empty).ToList();
        Assert.NotEmpty(shown);
        Assert.All(shown, m => Assert.DoesNotContain("SECRET", m.Raw.ToJsonString(), StringComparison.Ordinal));
        Assert.All(posted, body => Assert.DoesNotContain("SECRET", body, StringComparison.Ordinal));
        Assert.All(shown, m => Assert.DoesNotContain("Peeters", WithoutAttendance(m.Raw).ToJsonString(), StringComparison.Ordinal));

        // The anonymous pitch came up, was answered and summarized in the group: never with An's name near it.
        Assert.Contains(shown, m => m.Raw.ToJsonString().Contains("ANON Ik wil leren fietsen", StringComparison.Ordinal));

        // Nor did the other people's 1:1 chats (Koen's pitch card and recap, Lotte's recap) show it.
        var personal = _playground.Log.Items
            .Where(e => e.IsFromBot && e.ConversationId is { } id && id != Group && id != Config.PersonalChat.Id && e.RequestBody is JsonObject)
            .Select(e => new JsonObject { ["text"] = e.RequestBody!["text"]?.DeepClone(), ["attachments"] = e.RequestBody["attachments"]?.DeepClone() })
            .ToList();
        Assert.Equal(2, personal.Count(p => p["attachments"]?[0]?["content"] is JsonObject card && IsRecapCard(card)));
        Assert.All(personal, p => Assert.DoesNotContain("Peeters", p.ToJsonString(), StringComparison.Ordinal));
    }

    /// <summary>Every activity reached the bot (200) and every call of the bot was accepted, in the group's language.</summary>
    private void CheckThePlaygroundAcceptedEverything()
    {
        Assert.All(_playground.Log.Items.Where(e => e.IsToBot), e => Assert.Equal(200, e.ResponseStatus));
        var calls = _playground.Log.Items.Where(e => e.IsFromBot).ToList();
        Assert.All(calls, e => Assert.InRange(e.ResponseStatus ?? 0, 200, 299));
        Assert.All(calls.Where(e => e.ActivityName == "message"), e => Assert.Equal(Locale, (string?)e.RequestBody?["locale"]));

    }

    /// <summary>Every card the bot sent or answered with passes the official Adaptive Cards parser.</summary>
    private async Task CheckEveryCardIsValidAsync()
    {
        var posted = _playground.Log.Items.Where(e => e.IsFromBot && e.RequestBody is JsonObject).Select(e => e.RequestBody!["attachments"]?[0]?["content"]);
        var answered = _playground.Log.Items.Where(e => e.IsToBot && e.ResponseBody is JsonObject r && (string?)r["type"] == CardType).Select(e => e.ResponseBody!["value"]);
        var cards = posted.Concat(answered).OfType<JsonObject>().DistinctBy(c => c.ToJsonString()).Select((c, i) => ($"card {i}: {Texts(c).FirstOrDefault()}", c)).ToList();
        Assert.True(cards.Count > 40, $"Only {cards.Count} cards.");
        var problems = await AdaptiveCardValidator.ValidateAsync(cards);
        Assert.All(cards, c => Assert.True(problems[c.Item1].Count == 0, $"{c.Item1}: {string.Join("; ", problems[c.Item1])}"));
    }

    /// <summary>The claims of the reminders of one kind (who fired it, in what state).</summary>
    private async Task<List<ReminderClaim>> ClaimsAsync(string kind)
    {
        var store = _bot.Services.GetRequiredService<IDocumentStore>();
        var claims = new List<ReminderClaim>();
        await foreach (var key in store.ListAllAsync(StateKeys.ReminderClaimsPrefix, pageSize: 1000))
        {
            if ((await ReminderDocuments.ReadClaimAsync(store, key, default))?.Value is { Reminder: { } reminder } claim && reminder.Kind == kind)
            {
                claims.Add(claim);
            }
        }

        return claims;
    }

    private static JsonNode WithoutAttendance(JsonObject raw)
    {
        var copy = raw.DeepClone();
        foreach (var factSet in Nodes(copy).Where(n => (string?)n["type"] == "FactSet").ToList())
        {
            var facts = factSet["facts"]!.AsArray();
            foreach (var fact in facts.Where(f => ((string?)f!["title"])?.StartsWith("Aanwezig (", StringComparison.Ordinal) == true).ToList())
            {
                facts.Remove(fact);
            }
        }

        return copy;
    }

    private async Task<(PlaygroundMessage Text, PlaygroundMessage Card)> PitchUpAsync(string who)
    {
        var text = Nl.Format("RoundPitchUp", who);
        var up = Assert.Single(await _playground.WaitForMessagesAsync(Group, m => m.Text == text));
        var card = Assert.Single(await _playground.WaitForMessagesAsync(Group, m => m.Card is { } c && Texts(c).Contains(Nl.Format("AnswerCardTitle", who.Replace("<at>", string.Empty, StringComparison.Ordinal).Replace("</at>", string.Empty, StringComparison.Ordinal)))));
        return (up, card);
    }

    private Task<JsonObject> AnswerOnCardAsync(PlaygroundUser person, PlaygroundMessage answerCard, string kind, string text) =>
        AnswerAsync(person, answerCard.MessageId, answerCard.Card!, kind, text);

    /// <summary>The person answers the pitch up now with the form on <paramref name="card"/>; the moment is kept for the summary.</summary>
    private async Task<JsonObject> AnswerAsync(PlaygroundUser person, string cardId, JsonObject card, string kind, string text)
    {
        var answered = await PressForCardAsync(person, Group, cardId, Fill(card, SessionVerbs.Answer, (SessionVerbs.AnswerKindInput, kind), (SessionVerbs.AnswerTextInput, text)), SessionVerbs.Answer);
        _said[text] = _clock.GetUtcNow();
        return answered;
    }

    /// <summary>An answer as the summary holds it: its author's name and when it was given.</summary>
    private SummaryAnswer Answer(AnswerKind kind, string text, string author) => new(kind, text, author, _said[text]);

    /// <summary>The person's own view of the live card, as Teams asks for it (refresh).</summary>
    private Task<JsonObject> RefreshAsync(PlaygroundUser person) =>
        PressForCardAsync(person, Group, _cardId, Data(), SessionVerbs.Refresh);

    private JsonObject Data(params (string Key, string Value)[] more)
    {
        var data = new JsonObject { [SessionVerbs.SessionIdKey] = _sessionId };
        foreach (var (key, value) in more)
        {
            data[key] = value;
        }

        return data;
    }

    /// <summary>The person @mentions the bot in the group and types <paramref name="text"/>.</summary>
    private async Task SayAsync(PlaygroundUser person, string text)
    {
        await PassAsync(ThinkingTime);
        _said[text] = _clock.GetUtcNow();
        var delivered = await _playground.SendActivityAsync(_playground.Activities.Message(person.Id, Group, text, Locale));
        Assert.Equal(200, delivered.ResponseStatus);
    }

    private async Task<JsonObject> PressAsync(PlaygroundUser person, string conversationId, string cardId, JsonObject data, string verb)
    {
        await PassAsync(ThinkingTime);
        var delivered = await _playground.SendActivityAsync(_playground.Activities.CardAction(person.Id, conversationId, cardId, verb, data, Locale));
        Assert.Equal(200, delivered.ResponseStatus);
        var body = Assert.IsType<JsonObject>(delivered.ResponseBody);
        Assert.Equal(200, (int?)body["statusCode"]);
        return body;
    }

    private async Task<JsonObject> PressForCardAsync(PlaygroundUser person, string conversationId, string cardId, JsonObject data, string verb)
    {
        var body = await PressAsync(person, conversationId, cardId, data, verb);
        Assert.True((string?)body["type"] == CardType, $"{verb} by {person.Name}: {body.ToJsonString()}");
        return Assert.IsType<JsonObject>(body["value"]);
    }

    private async Task<string> PressForMessageAsync(PlaygroundUser person, string conversationId, string cardId, JsonObject data, string verb)
    {
        var body = await PressAsync(person, conversationId, cardId, data, verb);
        Assert.True((string?)body["type"] == MessageType, $"{verb} by {person.Name}: {body.ToJsonString()}");
        return (string)body["value"]!;
    }

    /// <summary>Waits for a text of the bot in the group (the <paramref name="count"/>th time it says it).</summary>
    private Task GroupTextAsync(string text, int count = 1) =>
        _playground.WaitForMessagesAsync(Group, m => m.Text == text, count, Patience);

    private IEnumerable<string> GroupTexts() =>
        _playground.Messages.Items.Where(m => !m.IsUpdate && m.ConversationId == Group && m.Text is not null).Select(m => m.Text!);

    private IEnumerable<JsonObject> GroupCards() =>
        _playground.Messages.Items.Where(m => !m.IsUpdate && m.ConversationId == Group && m.Card is not null).Select(m => m.Card!);

    /// <summary>Waits for an update of the shared live card that shows <paramref name="state"/>.</summary>
    private async Task<JsonObject> SharedCardAsync(Func<JsonObject, bool> state)
    {
        var updates = await _playground.Messages.WaitForAsync(m => m.IsUpdate && m.MessageId == _cardId && m.Card is { } c && state(c), timeout: Patience, diagnostics: _playground.Diagnostics);
        return updates[^1].Card!;
    }

    private JsonObject LastSharedCard() => _playground.Messages.Items.Last(m => m.MessageId == _cardId).Card!;

    private Task PassUntilAsync(DateTimeOffset moment)
    {
        Assert.True(moment > _clock.GetUtcNow(), $"{moment:o} has passed already: it is {_clock.GetUtcNow():o} on the bot's clock.");
        return PassAsync(moment - _clock.GetUtcNow());
    }

    /// <summary>
    /// Moves the bot's clock at once, then waits until every reminder due by then (timer alerts,
    /// the summary's backstop) is done, so nothing is in flight when the test looks or the clock moves on.
    /// </summary>
    private async Task PassAsync(TimeSpan by)
    {
        _clock.Advance(by);
        var store = _bot.Services.GetRequiredService<IDocumentStore>();
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var due = new List<string>();
            await foreach (var key in store.ListAllAsync(StateKeys.RemindersPrefix, pageSize: 1000))
            {
                if (await store.ReadAsync(key, default) is { } stored && ReminderDocuments.Reminder.Deserialize(key, stored.Content).DueAt <= _clock.GetUtcNow())
                {
                    due.Add(key);
                }
            }

            if (due.Count == 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Reminders still due at {_clock.GetUtcNow():o}: {string.Join(", ", due)}");
            await Task.Delay(20);
        }
    }

    private static string PitchCounts(int tips, int contacts, int offers, int questions) =>
        string.Join(" · ", Nl.Format("AnswerCountTip", tips), Nl.Format("AnswerCountContact", contacts), Nl.Format("AnswerCountOffer", offers), Nl.Format("AnswerCountQuestion", questions));

    private static bool IsRecapCard(JsonObject card) => Texts(card).Contains("Jouw pitch: Connectortafel: Wijkcentrum");

    private static bool IsRecap(JsonObject activity) => activity["attachments"]?[0]?["content"] is JsonObject card && IsRecapCard(card);

    private static JsonObject CardOf(PlaygroundLogEntry posted) =>
        Assert.IsType<JsonObject>(posted.RequestBody?["attachments"]?[0]?["content"]);

    private static string MessageIdOf(PlaygroundLogEntry posted) => (string?)posted.ResponseBody?["id"] ?? throw new Xunit.Sdk.XunitException("No message id: " + posted);

    private static async Task<SessionSummary> ReadSummaryAsync(IDocumentStore store, string key) =>
        SummaryDocuments.Kind.Deserialize(key, (await store.ReadAsync(key, CancellationToken.None))!.Content);

    private static async Task<string> ReadTextAsync(IDocumentStore store, string key) =>
        Encoding.UTF8.GetString((await store.ReadAsync(key, CancellationToken.None))!.Content.Span);

    /// <summary>The text as it appears inside a JSON string (the default encoder escapes some characters).</summary>
    private static string InJson(string text) => JsonValue.Create(text).ToJsonString()[1..^1];

    private sealed class SummaryNoteComparer : IEqualityComparer<SummaryNote>
    {
        public static SummaryNoteComparer Instance { get; } = new();

        public bool Equals(SummaryNote? x, SummaryNote? y) =>
            x is not null && y is not null && x.Text == y.Text && x.At == y.At && x.Tags.SequenceEqual(y.Tags);

        public int GetHashCode(SummaryNote obj) => obj.Text.GetHashCode(StringComparison.Ordinal);
    }
}
