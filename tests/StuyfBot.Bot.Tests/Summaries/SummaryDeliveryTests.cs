using StuyfBot.Bot.Features.Summaries;
using StuyfBot.Platform.Delivery;
using StuyfBot.Platform.Storage;

namespace StuyfBot.Bot.Tests.Summaries;

/// <summary>The keys of a summary's files and outputs, and who may send an output.</summary>
public sealed class SummaryDeliveryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 19, 30, 0, TimeSpan.FromHours(1));
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(3);

    [Fact]
    public void The_facilitators_files_sit_next_to_the_groups_under_the_month_held_in_utc()
    {
        var heldOn = new DateTimeOffset(2026, 12, 1, 0, 30, 0, TimeSpan.FromHours(1)); // 30 November in UTC

        Assert.Equal("summaries/2026/11/s1.json", SummaryKeys.Summary("s1", heldOn, SummaryFormat.Json));
        Assert.Equal("summaries/2026/11/s1.facilitators.json", SummaryKeys.FacilitatorsSummary("s1", heldOn, SummaryFormat.Json));
        Assert.Equal("summaries/2026/11/s1.facilitators.md", SummaryKeys.FacilitatorsSummary("s1", heldOn, SummaryFormat.Markdown));
        Assert.Equal("summaries/2026/11/s1.facilitators.html", SummaryKeys.FacilitatorsSummary("s1", heldOn, SummaryFormat.Html));
        Assert.Equal("summaries/2026/11/", SummaryKeys.SummariesOf(2026, 11));
        Assert.Equal("sessions/s1/summary/card.json", SummaryKeys.Delivery("s1", "card"));
        Assert.True(DocumentKey.IsValid(SummaryKeys.Delivery("s1", "recap-" + new string('a', 32))));
        Assert.Throws<ArgumentException>(() => SummaryKeys.Delivery("s1", "../card"));
    }

    [Fact]
    public void The_first_run_claims_an_output_others_leave_it_while_the_lease_runs_and_take_it_over_after()
    {
        var (claimed, first) = DeliveryRecord.Claim(null, Now, Lease);
        Assert.Equal(DeliveryClaim.Claimed, first);
        Assert.Equal(new DeliveryRecord(DeliveryState.Sending, Now, Now + Lease), claimed);

        var (kept, second) = DeliveryRecord.Claim(claimed, Now + Lease - TimeSpan.FromSeconds(1), Lease);
        Assert.Equal(DeliveryClaim.InProgress, second);
        Assert.Same(claimed, kept);

        var later = Now + Lease;
        var (takenOver, third) = DeliveryRecord.Claim(claimed, later, Lease);
        Assert.Equal(DeliveryClaim.TakenOver, third);
        Assert.Equal(new DeliveryRecord(DeliveryState.Sending, later, later + Lease), takenOver);
    }

    [Theory]
    [InlineData(DeliveryState.Sent)]
    [InlineData(DeliveryState.Undeliverable)]
    public void A_sent_or_undeliverable_output_is_done_for_good(DeliveryState state)
    {
        var final = new DeliveryRecord(state, Now, null, "act-1");

        var (kept, claim) = DeliveryRecord.Claim(final, Now + TimeSpan.FromDays(30), Lease);

        Assert.Equal(DeliveryClaim.Done, claim);
        Assert.Same(final, kept);
    }
}
