using StuyfBot.Bot.Tests.Infrastructure;
using StuyfBot.Testing;

namespace StuyfBot.Bot.Tests.EndToEnd;

/// <summary>The real bot (local mode, no authentication) and the Microsoft 365 Agents Playground pointed at it.</summary>
public sealed class PlaygroundFixture : IAsyncLifetime
{
    public BotServer Bot { get; private set; } = null!;

    public AgentsPlayground Playground { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Bot = await BotServer.StartAsync();
        Playground = await AgentsPlayground.StartAsync(new Uri(Bot.BaseAddress, "api/messages"), PlaygroundRoster.Stuyfplek);
    }

    public async Task DisposeAsync()
    {
        if (Playground is not null)
        {
            await Playground.DisposeAsync();
        }

        if (Bot is not null)
        {
            await Bot.DisposeAsync();
        }
    }
}

/// <summary>
/// StuyfBot end to end through the Agents Playground: the playground delivers Teams-shaped
/// activities and accepts (or rejects) the bot's connector calls as the Teams service would.
/// </summary>
public sealed class PlaygroundTests : IClassFixture<PlaygroundFixture>
{
    private readonly AgentsPlayground _playground;
    private readonly PlaygroundConfig _config;

    public PlaygroundTests(PlaygroundFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        _playground = fixture.Playground;
        _config = _playground.Config;
        _playground.Messages.Clear();
        _playground.Log.Clear();
    }

    [Fact]
    public void The_playground_runs_the_six_people_of_the_stuyfplek_roster()
    {
        Assert.Equal(PlaygroundRoster.Stuyfplek.Bot, _config.Bot);
        Assert.Equal(["An Peeters", "Jef Claes", "Fatima El Amrani", "Lotte Vermeulen", "Koen De Smet", "Sofie Janssens"], _config.People.Select(p => p.Name));
        Assert.Equal(_config.Users.Select(u => u.Id), _config.GroupChat.Members);
        Assert.Equal(_playground.BaseAddress + "_connector", _playground.ServiceUrl);
    }

    [Fact]
    public void The_roster_of_scripts_playground_is_the_roster_the_tests_use()
    {
        var file = Path.Combine(RepositoryPaths.Root, "scripts", "playground.yml");

        // To update it: write PlaygroundRoster.Stuyfplek.ToYaml() to scripts/playground.yml.
        Assert.Equal(PlaygroundRoster.Stuyfplek.ToYaml(), File.ReadAllText(file));
    }

    [Fact]
    public async Task A_Flemish_personal_message_gets_the_Flemish_greeting_with_the_help_card()
    {
        var chat = _config.PersonalChat.Id;

        var delivered = await _playground.SendActivityAsync(_playground.Activities.Message(_config.CurrentUser.Id, chat, "hallo"));

        Assert.Equal(200, delivered.ResponseStatus);
        var messages = await _playground.WaitForMessagesAsync(chat, count: 2);
        Assert.All(messages, m => Assert.Equal(_config.Bot.Id, m.FromId));
        var greeting = Assert.Single(messages, m => m.Text is not null);
        Assert.StartsWith("Hallo An Peeters! Ik ben StuyfBot", greeting.Text, StringComparison.Ordinal);
        var card = Assert.Single(messages, m => m.Card is not null).Card!;
        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("Wat kan StuyfBot voor je doen?", (string?)card["body"]![0]!["text"]);
        await AssertThePlaygroundAcceptedTheBotsCallsAsync(chat);
    }

    [Fact]
    public async Task A_message_typed_in_the_playground_is_answered_in_English_because_the_playground_sends_en_US()
    {
        var chat = _config.PersonalChat.Id;

        await _playground.SendMessageAsync(chat, "hello");

        var messages = await _playground.WaitForMessagesAsync(chat, count: 2);
        Assert.StartsWith("Hello An Peeters!", Assert.Single(messages, m => m.Text is not null).Text, StringComparison.Ordinal);
        Assert.Equal("What can StuyfBot do for you?", (string?)Assert.Single(messages, m => m.Card is not null).Card!["body"]![0]!["text"]);
    }

    [Fact]
    public async Task A_mention_in_the_group_chat_gets_an_answer_in_that_group_chat()
    {
        var group = _config.GroupChat.Id;

        var sent = await _playground.SendMessageAsync(group, "hallo");

        Assert.Equal(group, sent.ReplyConversationId);
        var answer = Assert.Single(await _playground.WaitForMessagesAsync(group));
        Assert.Equal("Hi An Peeters, I'm here! Type **help** after my name to see what I can do.", answer.Text);
        await AssertThePlaygroundAcceptedTheBotsCallsAsync(group);
    }

    [Fact]
    public async Task Each_of_the_others_in_the_group_chat_is_answered_by_name_in_Flemish()
    {
        var group = _config.GroupChat.Id;

        foreach (var person in _config.Users)
        {
            var delivered = await _playground.SendActivityAsync(_playground.Activities.Message(person.Id, group, "hallo"));
            Assert.Equal(200, delivered.ResponseStatus);
        }

        var answers = await _playground.WaitForMessagesAsync(group, count: _config.Users.Count);
        Assert.Equal(
            _config.Users.Select(u => $"Hallo {u.Name}, ik ben er! Typ **help** na mijn naam om te zien wat ik kan.").Order(),
            answers.Select(a => a.Text).Order());
    }

    [Fact]
    public async Task A_mention_in_a_channel_gets_an_answer_in_the_thread_it_started()
    {
        var channel = PlaygroundRoster.Stuyfplek.Channel.Id;

        var sent = await _playground.SendMessageAsync(channel, "hallo");

        Assert.StartsWith(channel + ";messageid=", sent.ReplyConversationId, StringComparison.Ordinal);
        var answer = Assert.Single(await _playground.WaitForMessagesAsync(sent.ReplyConversationId));
        Assert.StartsWith("Hi An Peeters", answer.Text, StringComparison.Ordinal);
        await AssertThePlaygroundAcceptedTheBotsCallsAsync(sent.ReplyConversationId);
    }

    [Fact]
    public async Task The_help_card_answers_a_card_action_with_a_fresh_card_and_an_unknown_verb_with_an_error()
    {
        var chat = _config.PersonalChat.Id;
        await _playground.SendMessageAsync(chat, "help");
        var card = Assert.Single(await _playground.WaitForMessagesAsync(chat, m => m.Card is not null));

        var help = await _playground.InvokeCardActionAsync(chat, card.MessageId, "help");
        var unknown = await _playground.InvokeCardActionAsync(chat, card.MessageId, "no-such-verb");

        Assert.Equal("AdaptiveCard", (string?)help.Card?["type"]);
        Assert.Equal("What can StuyfBot do for you?", (string?)help.Card!["body"]![0]!["text"]);
        Assert.Equal("application/vnd.microsoft.error", unknown.Type);
        var answers = await _playground.Log.WaitForAsync(e => e.IsToBot && e.ActivityName == "invoke", count: 2);
        Assert.Equal([200, 400], answers.Select(a => (int?)a.ResponseBody?["statusCode"]));
    }

    [Fact]
    public async Task Opening_the_personal_chat_in_the_playground_greets_once_with_the_help_card()
    {
        var chat = _config.PersonalChat.Id;

        var delivered = await _playground.InstallAsync(chat);

        Assert.Equal(["conversationUpdate", "installationUpdate"], delivered.Select(d => d.ActivityName).Order());
        Assert.All(delivered, d => Assert.Equal(200, d.ResponseStatus));
        // The playground logs the bot's connector calls before the bot's answer to the delivery:
        // once both deliveries are answered, every reply is in the log.
        var reply = Assert.Single(_playground.Log.Items, e => e.IsFromBot && e.ConversationId == chat);
        Assert.InRange(reply.ResponseStatus ?? 0, 200, 299);
        var card = Assert.Single(await _playground.WaitForMessagesAsync(chat, m => m.Card is not null)).Card!;
        Assert.Equal("What can StuyfBot do for you?", (string?)card["body"]![0]!["text"]);
    }

    private async Task AssertThePlaygroundAcceptedTheBotsCallsAsync(string conversationId)
    {
        var calls = await _playground.Log.WaitForAsync(e => e.IsFromBot && e.ConversationId == conversationId, diagnostics: _playground.Diagnostics);
        Assert.All(calls, c => Assert.InRange(c.ResponseStatus ?? 0, 200, 299));
        Assert.DoesNotContain(_playground.Log.Items, e => e.IsFromBot && e.ResponseStatus >= 300);
    }
}
