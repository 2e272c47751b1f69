using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Sessions;

namespace StuyfBot.Dialogs.Tests.Sessions;

/// <summary><see cref="SessionRecords.With"/> shows exactly what folding every record again would.</summary>
public sealed class SessionRecordsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 19, 30, 0, TimeSpan.FromHours(1));

    private static readonly PitchRecord BartsPitch = new()
    {
        Id = "p1~pitch",
        At = T0,
        AuthorKey = "bart",
        AuthorName = "Bart",
        Content = new PitchContent("een werkplek", null, null, null),
        Visibility = PitchVisibility.Group,
        Source = PitchSource.Live,
    };

    private static readonly PitchRecord CarlasPitch = BartsPitch with { Id = "p2~pitch", AuthorKey = "carla", AuthorName = "Carla", At = T0.AddSeconds(1) };

    public static TheoryData<string, SessionItem> Additions => new()
    {
        { "a later answer", Answer("a9~answer", BartsPitch.Id, 60) },
        { "an answer to another pitch", Answer("a9~answer", CarlasPitch.Id, 60) },
        { "an answer at the same moment as the last, with a later id", Answer("a3~answer", BartsPitch.Id, 30) },
        { "an answer at the same moment as the last, with an earlier id", Answer("a0~answer", BartsPitch.Id, 30) },
        { "an answer earlier than the last", Answer("a9~answer", BartsPitch.Id, 15) },
        { "the same time in another offset", Answer("a9~answer", BartsPitch.Id, 30) with { At = T0.AddSeconds(30).ToOffset(TimeSpan.Zero) } },
        { "an answer whose id is there already", Answer("a2~answer", CarlasPitch.Id, 90) with { Text = "redelivered" } },
        { "a pitch", CarlasPitch with { Id = "p3~pitch", AuthorKey = "dirk", At = T0.AddSeconds(70) } },
        { "a next step", new NextStepRecord { Id = "s1~next-step", At = T0.AddSeconds(80), AuthorKey = "bart", AuthorName = "Bart", PitchId = BartsPitch.Id, Text = "mailen" } },
    };

    [Theory]
    [MemberData(nameof(Additions))]
    public void With_one_more_is_the_fold_of_them_all(string what, SessionItem added)
    {
        SessionItem[] stored = [BartsPitch, CarlasPitch, Answer("a1~answer", BartsPitch.Id, 10), Answer("a2~answer", BartsPitch.Id, 30)];
        var records = SessionRecords.From(stored);

        var shown = records.With(added);

        var folded = SessionRecords.From([.. stored, added]);
        Assert.True(folded.Items.SequenceEqual(shown.Items), what);
        Assert.Equal(folded.Answers.Keys.Order(StringComparer.Ordinal), shown.Answers.Keys.Order(StringComparer.Ordinal));
        foreach (var (pitchId, answers) in folded.Answers)
        {
            Assert.True(answers.SequenceEqual(shown.AnswersTo(pitchId)), $"{what}: answers to {pitchId}");
        }

        Assert.Equal(folded.Pitches, shown.Pitches);
        Assert.Equal(folded.NextSteps.OrderBy(s => s.Key, StringComparer.Ordinal), shown.NextSteps.OrderBy(s => s.Key, StringComparer.Ordinal));
        Assert.Equal(folded.Notes, shown.Notes);
    }

    [Fact]
    public void A_record_whose_id_is_there_already_changes_nothing()
    {
        var first = Answer("a1~answer", BartsPitch.Id, 10);
        var records = SessionRecords.From([BartsPitch, first]);

        var shown = records.With(first with { Text = "redelivered", At = T0.AddSeconds(99) });

        Assert.Equal([first], shown.AnswersTo(BartsPitch.Id));
    }

    private static AnswerRecord Answer(string id, string pitchId, int second) => new()
    {
        Id = id,
        At = T0.AddSeconds(second),
        AuthorKey = "an",
        AuthorName = "An",
        PitchId = pitchId,
        Kind = AnswerKind.Tip,
        Text = "tip " + id,
    };
}
