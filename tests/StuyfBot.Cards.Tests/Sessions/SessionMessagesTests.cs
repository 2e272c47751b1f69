using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Sessions;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Roles;
using StuyfBot.Dialogs.Sessions;
using static StuyfBot.Cards.Tests.Sessions.SessionSamples;

namespace StuyfBot.Cards.Tests.Sessions;

public sealed class SessionMessagesTests
{
    private static readonly Text Flemish = Text.For("nl-BE");
    private static readonly Text English = Text.For("en");

    [Fact]
    public void Every_refusal_has_a_friendly_text_in_both_languages()
    {
        foreach (var reason in Enum.GetValues<RefusalReason>())
        {
            // A text over its limit always comes with the limit (RoundRules), and says it.
            var refused = new Refused(reason) { Limit = reason == RefusalReason.TextTooLong ? RoundRules.MaxAnswerLength : null };
            var nl = SessionMessages.Refusal(Flemish, refused);
            var en = SessionMessages.Refusal(English, refused);

            Assert.False(string.IsNullOrWhiteSpace(nl), reason.ToString());
            Assert.False(string.IsNullOrWhiteSpace(en), reason.ToString());
            Assert.NotEqual(nl, en);
            Assert.DoesNotContain("{", nl, StringComparison.Ordinal);
            Assert.DoesNotContain("{", en, StringComparison.Ordinal);
        }

        Assert.Equal("Alleen de moderator kan dat doen.", SessionMessages.Refusal(Flemish, new Refused(RefusalReason.OnlyModerator)));
        Assert.Equal("Only the moderator can do that.", SessionMessages.Refusal(English, new Refused(RefusalReason.OnlyModerator)));
        Assert.Contains("100", SessionMessages.Refusal(Flemish, new Refused(RefusalReason.TitleTooLong)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_roles_announcement_mentions_everyone_and_says_why()
    {
        var history = RoleHistory.Empty.After(
            new DateTimeOffset(2026, 3, 5, 19, 0, 0, TimeSpan.Zero),
            [new RoleService(Role.ChatScribe, Bart.Key), new RoleService(Role.Timekeeper, Carla.Key)],
            new Dictionary<Role, string> { [Role.ChatScribe] = Bart.Key, [Role.Timekeeper] = Carla.Key });
        RoleAssignment[] assignments =
        [
            new(Role.Timekeeper, Bart.Key, "Bart", new AssignmentReason(null, history.LastServedAnyRole(Bart.Key))),
            new(Role.ChatScribe, Carla.Key, "Carla", new AssignmentReason(null, history.LastServedAnyRole(Carla.Key))),
            new(Role.MethodicalSupporter, Dirk.Key, "Dirk", new AssignmentReason(null, null) { Listener = true }),
        ];

        var nl = SessionMessages.RolesDivided(Flemish, assignments);
        var en = SessionMessages.RolesDivided(English, assignments);

        Assert.Equal([Bart.Key, Carla.Key, Dirk.Key], nl.Mentions.Select(m => m.PersonKey));
        Assert.All(nl.Mentions, m => Assert.Contains(m.Text, nl.Text, StringComparison.Ordinal));
        Assert.Contains("**Tijdwaarnemer**: <at>Bart</at> (deze rol nog nooit gehad)", nl.Text, StringComparison.Ordinal);
        Assert.Contains("<at>Dirk</at> (nog nooit een rol gehad; luistert mee", nl.Text, StringComparison.Ordinal);
        Assert.Contains("**Timekeeper**: <at>Bart</at> (never had this role)", en.Text, StringComparison.Ordinal);
        Assert.StartsWith(Flemish["SessionRolesDivided"], nl.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reason_gives_the_date_in_the_readers_language_and_every_special_case()
    {
        var reason = new AssignmentReason(new DateTimeOffset(2026, 3, 5, 19, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 5, 19, 0, 0, TimeSpan.Zero))
        {
            SecondRole = true,
            SameAsLastTime = true,
        };

        Assert.Equal(
            "deze rol laatst op 5 maart 2026; heeft nu meer dan één rol: er zijn minder mensen dan rollen; had deze rol ook vorige keer: niemand anders kon",
            SessionMessages.Reason(Flemish, reason));
        Assert.StartsWith("last had this role on 5 March 2026; now holds more than one role", SessionMessages.Reason(English, reason), StringComparison.Ordinal);
    }

    [Fact]
    public void The_moderator_assigning_a_role_or_moderation_changing_hands_mentions_the_person()
    {
        var session = OpenWithPeople;

        var assigned = SessionMessages.For(English, new RoleGiven(Role.Timekeeper, Dirk.Key, Bart.Key, ByModerator: true), session)!;
        var handed = SessionMessages.For(Flemish, new ModeratorChanged(An.Key, Bart.Key), session)!;
        var left = SessionMessages.For(Flemish, new ModeratorLeft(An.Key), session)!;

        Assert.Equal("The moderator gives the role Timekeeper to <at>Dirk</at>.", assigned.Text);
        Assert.Equal([new Mention(Dirk.Key, "Dirk")], assigned.Mentions);
        Assert.Equal("<at>Bart</at> is nu de moderator.", handed.Text);
        Assert.Equal(Flemish["SessionModeratorLeftNotice"], left.Text);
        Assert.Empty(left.Mentions);
    }

    [Fact]
    public void Changes_the_card_shows_by_itself_are_not_announced()
    {
        var session = OpenWithPeople;

        Assert.Null(SessionMessages.For(Flemish, new CardChanged(), session));
        Assert.Null(SessionMessages.For(Flemish, new RoleGiven(Role.Timekeeper, Bart.Key, null, ByModerator: false), session));
        Assert.Null(SessionMessages.For(Flemish, new RoleFreed(Role.Timekeeper, Bart.Key), session));
    }
}
