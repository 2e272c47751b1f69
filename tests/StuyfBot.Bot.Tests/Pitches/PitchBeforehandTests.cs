using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StuyfBot.Bot.Kernel;
using StuyfBot.Dialogs.Pitches;
using static StuyfBot.Bot.Tests.Pitches.PlanningHarness;

namespace StuyfBot.Bot.Tests.Pitches;

/// <summary>
/// A pitch sent beforehand from the 1:1 pitch card, over real HTTP: a member of the group saves,
/// edits and withdraws it (or says they only come to listen); someone not in the group, or a
/// card without its group, changes nothing.
/// </summary>
public sealed class PitchBeforehandTests : IAsyncLifetime
{
    private PlanningHarness _h = null!;

    public async Task InitializeAsync() => _h = await StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Theory]
    [InlineData("nl-BE")]
    [InlineData("en-US")]
    public async Task A_member_saves_edits_and_withdraws_a_pitch_from_the_1on1_card(string locale)
    {
        var session = await _h.PlanAsync(Gent, An);
        var saved = await _h.PressAsync(Jef, "session.pitch.submit", Pitch(session.Id, "Ik zoek een fietsherstelling", "anonymous"), group: null, locale);
        Assert.Equal("application/vnd.microsoft.card.adaptive", saved["type"]!.GetValue<string>());
        Assert.Contains(InJson(Say(locale, "PitchCardSaved")), saved["value"]!.ToJsonString(), StringComparison.Ordinal);

        var edited = await _h.PressAsync(Jef, "session.pitch.submit", Pitch(session.Id, "Ik zoek een fietsenmaker", "facilitators"), group: null, locale);
        Assert.Contains("fietsenmaker", edited["value"]!.ToJsonString(), StringComparison.Ordinal);
        var pitch = Assert.Single((await RecordsAsync(session.Id)).Pitches);
        Assert.Equal(("Ik zoek een fietsenmaker", PitchVisibility.FacilitatorsOnly, PitchSource.PreSubmitted), (pitch.Content.WhatIsAlive, pitch.Visibility, pitch.Source));
        Assert.Equal(Jef.Id, pitch.AuthorKey);

        var withdrawn = await _h.PressAsync(Jef, "session.pitch.withdraw", new JsonObject { ["sessionId"] = session.Id, ["conversationId"] = Gent }, group: null, locale);
        Assert.Contains(InJson(Say(locale, "PitchCardWithdrawn")), withdrawn["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.True(Assert.Single((await RecordsAsync(session.Id)).Pitches).Withdrawn);

        var listening = await _h.PressAsync(Fatima, "session.pitch.listenOnly", new JsonObject { ["sessionId"] = session.Id, ["conversationId"] = Gent }, group: null, locale);
        Assert.Contains(InJson(Say(locale, "PitchCardListenOnly")), listening["value"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_not_in_the_group_or_a_card_without_its_group_changes_nothing()
    {
        var session = await _h.PlanAsync(Gent, An);

        var stranger = await _h.PressAsync(Lotte, "session.pitch.submit", Pitch(session.Id, "ik hoor hier niet", "group"));
        Assert.Equal(Say("nl-BE", "PitchFormNotMember"), MessageOf(stranger));
        var withoutGroup = Pitch(session.Id, "zonder groep", "group");
        withoutGroup.Remove("conversationId");
        Assert.Equal(Say("nl-BE", "UnknownAction"), MessageOf(await _h.PressAsync(Jef, "session.pitch.submit", withoutGroup)));
        var notAPitch = new JsonObject { ["sessionId"] = session.Id, ["conversationId"] = Gent };
        Assert.Equal(Say("nl-BE", "UnknownAction"), MessageOf(await _h.PressAsync(Jef, "session.pitch.next", notAPitch)));
        var otherSession = Pitch("no-such-session", "x", "group");
        Assert.Equal(Say("nl-BE", "SessionCardOutdated"), MessageOf(await _h.PressAsync(Jef, "session.pitch.submit", otherSession)));

        Assert.Empty((await RecordsAsync(session.Id)).Items);
    }

    private static JsonObject Pitch(string sessionId, string alive, string visibility) => new()
    {
        ["sessionId"] = sessionId,
        ["conversationId"] = Gent,
        ["pitchAlive"] = alive,
        ["pitchVisibility"] = visibility,
    };

    private Task<Dialogs.Sessions.SessionRecords> RecordsAsync(string sessionId) =>
        _h.Bot.Services.GetRequiredService<SessionItemStore>().ReadAsync(sessionId, CancellationToken.None);
}
