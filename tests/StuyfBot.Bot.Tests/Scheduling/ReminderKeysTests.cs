using StuyfBot.Platform.Storage.State;

namespace StuyfBot.Bot.Tests.Scheduling;

public sealed class ReminderKeysTests
{
    [Fact]
    public void Reminder_and_claim_keys_share_the_due_time_layout_and_parse_back()
    {
        var due = new DateTimeOffset(2026, 3, 6, 2, 30, 15, 600, TimeSpan.FromHours(1));

        Assert.Equal("reminders/2026-03-06/013015-timer-s1.json", StateKeys.Reminder(due, "timer-s1"));
        Assert.Equal("reminder-claims/2026-03-06/013015-timer-s1.json", StateKeys.ReminderClaim(due, "timer-s1"));
        Assert.True(StateKeys.TryParseReminder(StateKeys.ReminderClaim(due, "timer-s1"), out var second, out var id));
        Assert.Equal(new DateTimeOffset(2026, 3, 6, 1, 30, 15, TimeSpan.Zero), second);
        Assert.Equal(TimeSpan.Zero, second.Offset);
        Assert.Equal("timer-s1", id);
    }

    [Theory]
    [InlineData("reminders/2026-03-06/013015.json")]
    [InlineData("reminders/2026-03-06/013015-.json")]
    [InlineData("reminders/2026-13-06/013015-a.json")]
    [InlineData("reminders/2026-03-06/253015-a.json")]
    [InlineData("reminders/2026-03-06/013015_a.json")]
    [InlineData("reminders/2026-03-06/013015-a.md")]
    [InlineData("sessions/2026-03-06/013015-a.json")]
    [InlineData("reminders/2026-03-06/013015-a/b.json")]
    public void Other_keys_do_not_parse_as_reminders(string key) =>
        Assert.False(StateKeys.TryParseReminder(key, out _, out _));
}
