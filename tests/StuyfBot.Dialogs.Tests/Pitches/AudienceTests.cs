using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Roles;
using static StuyfBot.Dialogs.Tests.Pitches.Table;
using static StuyfBot.Dialogs.Tests.Sessions.SessionScript;

namespace StuyfBot.Dialogs.Tests.Pitches;

/// <summary>The facilitators, and who sees the content and the name of each kind of pitch.</summary>
public sealed class AudienceTests
{
    [Fact]
    public void The_facilitators_are_the_moderator_and_the_methodical_supporter()
    {
        var table = OpenTable();

        Assert.Equal([An.Key], Facilitators.Of(table.State));
        Assert.Equal([An.Key, Carla.Key], Facilitators.Of(table.GiveRole(Role.MethodicalSupporter, Carla).State));
        Assert.Equal([An.Key], Facilitators.Of(table.GiveRole(Role.MethodicalSupporter, An).State));
        Assert.Equal([An.Key], Facilitators.Of(table.GiveRole(Role.Timekeeper, Carla).GiveRole(Role.ChatScribe, Dirk).State));
        Assert.False(Facilitators.Includes(table.State, null));
    }

    [Theory]
    [InlineData(PitchVisibility.Group, null, true, true)]
    [InlineData(PitchVisibility.Group, "29:dirk", true, true)]
    [InlineData(PitchVisibility.Anonymous, null, true, false)]
    [InlineData(PitchVisibility.Anonymous, "29:dirk", true, false)]
    [InlineData(PitchVisibility.Anonymous, "29:an", true, false)]
    [InlineData(PitchVisibility.Anonymous, "29:carla", true, false)]
    [InlineData(PitchVisibility.Anonymous, "29:bart", true, false)]
    [InlineData(PitchVisibility.FacilitatorsOnly, null, false, false)]
    [InlineData(PitchVisibility.FacilitatorsOnly, "29:dirk", false, false)]
    [InlineData(PitchVisibility.FacilitatorsOnly, "29:an", true, true)]
    [InlineData(PitchVisibility.FacilitatorsOnly, "29:carla", true, true)]
    [InlineData(PitchVisibility.FacilitatorsOnly, "29:bart", true, true)]
    public void Who_sees_the_content_and_the_name(PitchVisibility visibility, string? viewer, bool content, bool author)
    {
        // An moderates, Carla supports methodically, Bart pitched, Dirk is a participant.
        var table = OpenTable().GiveRole(Role.MethodicalSupporter, Carla).Pitch(Bart, "b", visibility);
        var pitch = table.PitchOf(Bart);

        Assert.Equal(content, PitchAudience.CanSeeContent(pitch, table.State, viewer));
        Assert.Equal(author, PitchAudience.CanSeeAuthor(pitch, table.State, viewer));
    }
}
