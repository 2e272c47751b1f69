using System.Globalization;
using StuyfBot.Bot.Kernel;
using StuyfBot.Platform.Storage;
using StuyfBot.Platform.Storage.State;

namespace StuyfBot.Bot.Tests.Pitches;

/// <summary>The index of planned sessions: its key and how entries come and go.</summary>
public sealed class PlanningIndexTests
{
    private static readonly KeyedHash Hash = new([.. Enumerable.Range(1, 32).Select(i => (byte)i)]);

    [Fact]
    public void The_index_key_names_no_tenant_and_never_meets_a_conversation_folder()
    {
        var key = SessionKeys.PlannedSessions(Hash, "72f988bf-86f1-41af-91ab-2d7cd011db47");

        Assert.True(DocumentKey.IsValid(key));
        Assert.StartsWith("conversations/planned/", key, StringComparison.Ordinal);
        Assert.DoesNotContain("72f988bf", key, StringComparison.Ordinal);
        Assert.Equal(key, SessionKeys.PlannedSessions(Hash, "72f988bf-86f1-41af-91ab-2d7cd011db47"));
        Assert.NotEqual(key, SessionKeys.PlannedSessions(Hash, "another-tenant"));
        Assert.NotEqual("planned", SessionKeys.ConversationSessions(Hash, "19:x@thread.v2").Split('/')[1]);
    }

    [Fact]
    public void A_conversation_has_one_entry_and_the_oldest_go_past_the_bound()
    {
        var index = PlannedSessions.Empty
            .With(new PlannedEntry("19:a", "s1", null))
            .With(new PlannedEntry("19:b", "s2", null))
            .With(new PlannedEntry("19:a", "s3", null));

        Assert.Equal([("19:b", "s2"), ("19:a", "s3")], index.Entries.Select(e => (e.ConversationId, e.SessionId)));

        var full = Enumerable.Range(0, PlannedSessions.MaxEntries + 3)
            .Aggregate(PlannedSessions.Empty, (i, n) => i.With(new PlannedEntry("19:" + n.ToString(CultureInfo.InvariantCulture), "s", null)));
        Assert.Equal(PlannedSessions.MaxEntries, full.Entries.Count);
        Assert.Equal("19:3", full.Entries[0].ConversationId);
    }

    [Fact]
    public void Removing_what_is_not_there_changes_nothing()
    {
        var index = PlannedSessions.Empty.With(new PlannedEntry("19:a", "s1", null));

        Assert.Same(index, index.Without([new PlannedEntry("19:a", "s-other", null)]));
        Assert.Empty(index.Without([new PlannedEntry("19:a", "s1", null)]).Entries);
    }
}
