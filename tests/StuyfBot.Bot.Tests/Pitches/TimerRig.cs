using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StuyfBot.Bot.Features.Timers;
using StuyfBot.Bot.Kernel;
using StuyfBot.Bot.Tests.Infrastructure;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Platform.Scheduling;
using StuyfBot.Platform.Storage;
using StuyfBot.Platform.Storage.State;
using StuyfBot.Testing;

namespace StuyfBot.Bot.Tests.Pitches;

/// <summary>
/// The real bot host(s) on one store and one manual clock, with a loopback connector: groups
/// start sessions over HTTP, and the clock moves only when a test says so. Bots can be stopped
/// while the clock moves on, and started again on the same store.
/// </summary>
public sealed class TimerRig : IAsyncDisposable
{
    /// <summary>A whole second, so alerts fall on whole seconds as the reminder keys do.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 18, 30, 0, TimeSpan.Zero);

    /// <summary>Generous upper bound for waiting on background work; never a timing assertion.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, string?> _storage;
    private readonly BotServer?[] _bots;

    private TimerRig(Dictionary<string, string?> storage, LoopbackConnector connector, int instances)
    {
        _storage = storage;
        Connector = connector;
        _bots = new BotServer?[instances];
    }

    public FakeTimeProvider Clock { get; } = new(T0);

    public LoopbackConnector Connector { get; }

    /// <summary>The first bot instance (the only one, unless the rig was started with more).</summary>
    public BotServer Bot => this[0];

    public BotServer this[int instance] => _bots[instance] ?? throw new InvalidOperationException($"Bot instance {instance} is stopped.");

    /// <summary>Starts <paramref name="instances"/> bots on the same store (Storage:* settings) and clock.</summary>
    public static async Task<TimerRig> StartAsync(Dictionary<string, string?> storage, int instances = 1)
    {
        var rig = new TimerRig(storage, await LoopbackConnector.StartAsync(), instances);
        for (var i = 0; i < instances; i++)
        {
            await rig.StartBotAsync(i);
        }

        return rig;
    }

    public async Task StartBotAsync(int instance = 0)
    {
        var settings = new Dictionary<string, string?>(_storage, StringComparer.OrdinalIgnoreCase)
        {
            ["Reminders:InstanceId"] = InstanceId(instance),
        };
        _bots[instance] = await BotServer.StartAsync(settings, builder => builder.Services.AddSingleton<TimeProvider>(Clock));
    }

    public async Task StopBotAsync(int instance = 0)
    {
        if (_bots[instance] is { } bot)
        {
            _bots[instance] = null;
            await bot.DisposeAsync();
        }
    }

    public static string InstanceId(int instance) => $"bot-{instance}";

    /// <summary>
    /// Moves the clock at once (<see cref="FakeTimeProvider.Advance"/>: a reminder pass never
    /// sees minutes go by between claiming and firing), then waits until every reminder due by
    /// then is finished and recorded (the stored reminder is deleted only after its outcome is
    /// written), so nothing is in flight when the test looks, or when the clock moves on.
    /// </summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await SettleAsync();
    }

    /// <inheritdoc cref="AdvanceAsync"/>
    public Task AdvanceToAsync(TimeSpan sinceT0) => AdvanceAsync(T0 + sinceT0 - Clock.GetUtcNow());

    /// <summary>Waits until no reminder due by now is left in the store.</summary>
    public async Task SettleAsync()
    {
        var store = _bots.First(b => b is not null)!.Services.GetRequiredService<IDocumentStore>();
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var due = await DueRemindersAsync(store);
            if (due.Count == 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Reminders still due at {Clock.GetUtcNow():o} after {Patience}: {string.Join(", ", due)}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>The timer alerts posted to this group so far, in order.</summary>
    public IReadOnlyList<ConnectorCall> AlertsIn(string conversationId) =>
        [.. Connector.Calls.Where(c => c.Method == "POST" && c.ConversationId == conversationId && c.Text is { } text && (text.StartsWith('⏳') || text.StartsWith('⏰')))];

    /// <summary>The claim of every alert reminder of the session (who fired it, in what state).</summary>
    public async Task<IReadOnlyList<ReminderClaim>> AlertClaimsAsync()
    {
        var store = _bots.First(b => b is not null)!.Services.GetRequiredService<IDocumentStore>();
        var claims = new List<ReminderClaim>();
        await foreach (var key in store.ListAllAsync(StateKeys.ReminderClaimsPrefix, pageSize: 1000))
        {
            if ((await ReminderDocuments.ReadClaimAsync(store, key, default))?.Value is { Reminder.Kind: TimerAlertScheduler.Kind } claim)
            {
                claims.Add(claim);
            }
        }

        return claims;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = 0; i < _bots.Length; i++)
        {
            await StopBotAsync(i);
        }

        await Connector.DisposeAsync();
    }

    private async Task<List<string>> DueRemindersAsync(IDocumentStore store)
    {
        var now = Clock.GetUtcNow();
        var due = new List<string>();
        await foreach (var key in store.ListAllAsync(StateKeys.RemindersPrefix, pageSize: 1000))
        {
            if (await store.ReadAsync(key, default) is { } stored && ReminderDocuments.Reminder.Deserialize(key, stored.Content).DueAt <= now)
            {
                due.Add(key);
            }
        }

        return due;
    }
}

/// <summary>
/// One group chat with a session, started over HTTP; round commands go through the bot's
/// <see cref="SessionRunner"/> or over HTTP as card presses. Person 0 starts the session (and so
/// moderates).
/// </summary>
public sealed class TimerGroup
{
    private static readonly string[] Names = ["An Peeters", "Jef Claes", "Fatima El Amrani", "Lotte Vermeulen"];

    private TimerGroup(TimerRig rig, string conversationId, string sessionId)
    {
        Rig = rig;
        ConversationId = conversationId;
        SessionId = sessionId;
    }

    public TimerRig Rig { get; }

    public string ConversationId { get; }

    public string SessionId { get; }

    public static string Person(int index) => $"29:person-{index}";

    /// <summary>Person 0 starts a session in a new group over HTTP, in <paramref name="locale"/>.</summary>
    public static async Task<TimerGroup> StartAsync(TimerRig rig, string locale = "nl-BE", string command = "start connectortafel", int instance = 0)
    {
        ArgumentNullException.ThrowIfNull(rig);
        var conversationId = $"19:timer-{Guid.NewGuid():N}@thread.v2";
        using (var response = await rig[instance].PostActivityAsync(Activities.Mention(rig.Connector.ServiceUrl, command, conversationId, Person(0), Names[0], locale)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await rig.Connector.WaitForAsync(c => c.Method == "POST" && c.ConversationId == conversationId && c.Card is not null, timeout: TimerRig.Patience);
        var sessions = await rig[instance].Services.GetRequiredService<ConversationSessionStore>().ReadAsync(conversationId, default);
        Assert.Equal(locale, sessions?.Locale);
        return new TimerGroup(rig, conversationId, sessions!.Current!.Id);
    }

    /// <summary>The person presses "Ik ben er" on the live card.</summary>
    public async Task CheckInAsync(int person, int instance = 0)
    {
        await PressAsync("session.checkIn", person, instance: instance);
        var stored = await Rig[instance].Services.GetRequiredService<ConversationSessionStore>().ReadAsync(ConversationId, default);
        Assert.True(stored?.Current?.IsHere(Person(person)), $"{Names[person]} did not check in.");
    }

    /// <summary>The person presses a button of the live card (over HTTP); the bot must answer with a card, not a refusal.</summary>
    public async Task PressAsync(string verb, int person, JsonObject? data = null, int instance = 0)
    {
        data ??= [];
        data["sessionId"] = SessionId;
        using var response = await Rig[instance].PostActivityAsync(
            Activities.CardAction(Rig.Connector.ServiceUrl, verb, data, ConversationId, "groupChat", Person(person), Names[person], replyToId: "act-1"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(body["type"]?.GetValue<string>() == "application/vnd.microsoft.card.adaptive", $"{verb} by {Names[person]}: {body.ToJsonString()}");
    }

    /// <summary>The person sends a pitch for the group.</summary>
    public Task<Accepted> PitchAsync(int person, int instance = 0) =>
        RunAsync(new SubmitPitch(new PitchContent($"Het plan van {Names[person]}", "Mensen die meedenken", null, null), PitchVisibility.Group), person, instance);

    /// <summary>
    /// Runs a round command as the person through the bot's own <see cref="SessionRunner"/> (which
    /// hands every timer change to <see cref="TimerAlertScheduler"/>); it must be accepted.
    /// </summary>
    public async Task<Accepted> RunAsync(RoundCommand command, int person = 0, int instance = 0)
    {
        var runner = Rig[instance].Services.GetRequiredService<SessionRunner>();
        var outcome = await runner.RunRoundAsync(ConversationId, SessionId, command, new Actor(Person(person), Names[person]), Guid.NewGuid().ToString("N"), default);
        return Assert.IsType<Accepted>(outcome.Decision);
    }

    /// <summary>The texts of the timer alerts posted here, in order.</summary>
    public IReadOnlyList<string> Alerts() => [.. Rig.AlertsIn(ConversationId).Select(c => c.Text!)];
}
