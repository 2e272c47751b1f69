using System.Reflection;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Sessions;
using StuyfBot.Cards.Welcome;
using StuyfBot.Dialogs.Roles;
using StuyfBot.Dialogs.Sessions;

namespace StuyfBot.Cards.Tests.Sessions;

public sealed class SessionVerbsTests
{
    [Fact]
    public void The_verbs_are_distinct_and_all_start_with_session()
    {
        var verbs = typeof(SessionVerbs).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && !f.Name.EndsWith("Key", StringComparison.Ordinal) && !f.Name.EndsWith("Input", StringComparison.Ordinal) && !f.Name.EndsWith("Value", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        // Every button the cards can render has exactly one route, and every route is a known verb
        // (the route tables are the only list; nothing pins how many there are).
        Assert.Equal(verbs.Order(StringComparer.Ordinal), SessionVerbs.AllRoutes.Select(r => r.Verb).Order(StringComparer.Ordinal));
        Assert.Equal(verbs.Count, verbs.Distinct().Count());
        Assert.All(verbs, v => Assert.True(SessionVerbs.IsSessionVerb(v), v));
        Assert.False(SessionVerbs.IsSessionVerb(HelpCard.HelpVerb));
    }

    [Fact]
    public void Each_verb_reads_back_to_its_command()
    {
        Dictionary<string, string?> Data(params (string, string)[] more) =>
            new[] { (SessionVerbs.SessionIdKey, "s1") }.Concat(more).ToDictionary(p => p.Item1, p => (string?)p.Item2);

        Assert.Equal(new RefreshSessionCard("s1"), SessionVerbs.Read(SessionVerbs.Refresh, Data()));
        Assert.Equal(new StartSession(SessionKind.Connectortafel), SessionVerbs.Read(SessionVerbs.Start, Data((SessionVerbs.KindKey, "connectortafel"))));
        Assert.Equal(new StartSession(SessionKind.OpenHuys), SessionVerbs.Read(SessionVerbs.Start, new Dictionary<string, string?> { [SessionVerbs.KindKey] = "openHuys" }));
        var expected = new Dictionary<string, SessionCommand>
        {
            [SessionVerbs.CheckIn] = new CheckIn(CheckInMode.Present),
            [SessionVerbs.Listen] = new CheckIn(CheckInMode.Listening),
            [SessionVerbs.Leave] = new Leave(),
            [SessionVerbs.OptOut] = new OptOut(),
            [SessionVerbs.OptIn] = new OptIn(),
            [SessionVerbs.DivideRoles] = new DivideRoles(),
            [SessionVerbs.TakeOver] = new TakeOverModeration(),
            [SessionVerbs.RequestClose] = new RequestClose(),
            [SessionVerbs.ConfirmClose] = new ConfirmClose(),
            [SessionVerbs.CancelClose] = new CancelClose(),
        };
        foreach (var (verb, command) in expected)
        {
            Assert.Equal(new RunSessionCommand("s1", command), SessionVerbs.Read(verb, Data()));
        }

        Assert.Equal(new RunSessionCommand("s1", new TakeRole(Role.ChatScribe)), SessionVerbs.Read(SessionVerbs.TakeRole, Data((SessionVerbs.RoleKey, "chatScribe"))));
        Assert.Equal(new RunSessionCommand("s1", new ReturnRole(Role.Timekeeper)), SessionVerbs.Read(SessionVerbs.ReturnRole, Data((SessionVerbs.RoleKey, "timekeeper"))));
        Assert.Equal(
            new RunSessionCommand("s1", new AssignRole(Role.MethodicalSupporter, "29:x")),
            SessionVerbs.Read(SessionVerbs.AssignRole, Data((SessionVerbs.AssignRoleInput, "methodicalSupporter"), (SessionVerbs.AssignPersonInput, "29:x"))));
        Assert.Equal(new RunSessionCommand("s1", new UnassignRole(Role.Timekeeper)), SessionVerbs.Read(SessionVerbs.UnassignRole, Data((SessionVerbs.UnassignRoleInput, "timekeeper"))));
        Assert.Equal(new RunSessionCommand("s1", new HandOverModeration("29:y")), SessionVerbs.Read(SessionVerbs.HandOver, Data((SessionVerbs.HandOverPersonInput, "29:y"))));
    }

    [Theory]
    [InlineData("session.nope", "sessionId", "s1")]
    [InlineData("help", "sessionId", "s1")]
    [InlineData(SessionVerbs.CheckIn, "other", "s1")]
    [InlineData(SessionVerbs.CheckIn, "sessionId", " ")]
    [InlineData(SessionVerbs.TakeRole, "sessionId", "s1")]
    [InlineData(SessionVerbs.AssignRole, "sessionId", "s1")]
    [InlineData(SessionVerbs.HandOver, "sessionId", "s1")]
    [InlineData(SessionVerbs.Start, "kind", "stuyflab")]
    [InlineData(null, "sessionId", "s1")]
    public void Unknown_verbs_and_missing_or_wrong_data_read_as_nothing(string? verb, string key, string value)
    {
        Assert.Null(SessionVerbs.Read(verb, new Dictionary<string, string?> { [key] = value, [SessionVerbs.RoleKey] = "boss" }));
    }

    [Fact]
    public void Roles_and_kinds_have_stable_wire_values()
    {
        Assert.All(RoleList.All, r => Assert.Equal(r, SessionVerbs.ParseRole(SessionVerbs.Value(r))));
        Assert.All(Enum.GetValues<SessionKind>(), k => Assert.Equal(k, SessionVerbs.ParseKind(SessionVerbs.Value(k))));
        Assert.Null(SessionVerbs.ParseRole("Timekeeper"));
        Assert.Null(SessionVerbs.ParseKind(null));
    }

    [Fact]
    public void The_offers_and_the_help_card_start_sessions_of_both_kinds()
    {
        var text = Text.For("nl-BE");
        var offer = SessionOfferCard.StartOffer(text).ToJson();
        var close = SessionOfferCard.CloseOffer(text, SessionSamples.OpenWithPeople).ToJson();

        var starts = CardJson.Buttons(offer).Select(b => SessionVerbs.Read(b.Verb, b.Data.ToDictionary(p => p.Key, p => (string?)p.Value))).ToList();
        Assert.Equal([new StartSession(SessionKind.OpenHuys), new StartSession(SessionKind.Connectortafel)], starts);
        var closeButton = Assert.Single(CardJson.Buttons(close));
        Assert.Equal(SessionVerbs.RequestClose, closeButton.Verb);
        Assert.Equal("s1", closeButton.Data[SessionVerbs.SessionIdKey]);
        Assert.Empty(SessionOfferCard.HelpActions(text, personal: true));
        Assert.Equal(2, SessionOfferCard.HelpActions(text, personal: false).Count);
        Assert.All(SessionOfferCard.HelpCommands, c => Assert.NotNull(StartRequest.Parse(c.Words.Replace("[titel]", "Dinsdag", StringComparison.Ordinal))));
        Assert.All(SessionOfferCard.HelpCommands, c => Assert.False(string.IsNullOrWhiteSpace(text[c.TextKey])));
    }
}
