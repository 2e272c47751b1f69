using System.Collections.Immutable;
using StuyfBot.Dialogs.Notes;
using StuyfBot.Dialogs.Pitches;

namespace StuyfBot.Dialogs.Sessions;

/// <summary>
/// The records of one session folded into what they mean now: each person's pitch, the answers
/// and next step of each pitch, and the notes (struck or not). A projection: the Bot lists the
/// session's items, folds them here, and decides and renders with the result; nothing of it is
/// stored. One sort by time, then a single pass.
/// </summary>
public sealed record SessionRecords
{
    private static readonly ImmutableList<AnswerRecord> NoAnswers = [];

    public static SessionRecords Empty { get; } = new();

    /// <summary>Every item, in time order (then by id): what the fold was made of.</summary>
    public ImmutableList<SessionItem> Items { get; private init; } = [];

    /// <summary>Each person's pitch (withdrawn and "enkel luisteren" ones too), by the time they entered.</summary>
    public ImmutableList<Pitch> Pitches { get; private init; } = [];

    public ImmutableDictionary<string, ImmutableList<AnswerRecord>> Answers { get; private init; } =
        ImmutableDictionary<string, ImmutableList<AnswerRecord>>.Empty;

    /// <summary>The latest next step of each pitch, as noted by its pitcher.</summary>
    public ImmutableDictionary<string, NextStepRecord> NextSteps { get; private init; } =
        ImmutableDictionary<string, NextStepRecord>.Empty;

    public ImmutableList<Note> Notes { get; private init; } = [];

    public static SessionRecords From(IEnumerable<SessionItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var ordered = items
            .DistinctBy(i => i.Id, StringComparer.Ordinal)
            .OrderBy(i => i.At)
            .ThenBy(i => i.Id, StringComparer.Ordinal)
            .ToImmutableList();
        var pitches = new Dictionary<string, Pitch>(StringComparer.Ordinal);
        var pitchAuthors = new Dictionary<string, string>(StringComparer.Ordinal);
        var answers = new Dictionary<string, ImmutableList<AnswerRecord>.Builder>(StringComparer.Ordinal);
        var nextSteps = new Dictionary<string, NextStepRecord>(StringComparer.Ordinal);
        var notes = new List<NoteRecord>();
        var struck = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in ordered)
        {
            switch (item)
            {
                case PitchRecord record:
                    var pitch = Fold(pitches.GetValueOrDefault(record.AuthorKey), record);
                    pitches[record.AuthorKey] = pitch;
                    pitchAuthors[pitch.Id] = pitch.AuthorKey;
                    break;
                case AnswerRecord answer:
                    if (!answers.TryGetValue(answer.PitchId, out var list))
                    {
                        answers[answer.PitchId] = list = ImmutableList.CreateBuilder<AnswerRecord>();
                    }

                    list.Add(answer);
                    break;
                case NextStepRecord step when pitchAuthors.GetValueOrDefault(step.PitchId) == step.AuthorKey:
                    nextSteps[step.PitchId] = step;
                    break;
                case NoteRecord note:
                    notes.Add(note);
                    break;
                case NoteStrikeRecord strike:
                    struck.Add(strike.NoteId);
                    break;
            }
        }

        return new SessionRecords
        {
            Items = ordered,
            Pitches = [.. pitches.Values.OrderBy(p => p.SubmittedAt).ThenBy(p => p.Id, StringComparer.Ordinal)],
            Answers = answers.ToImmutableDictionary(p => p.Key, p => p.Value.ToImmutable(), StringComparer.Ordinal),
            NextSteps = nextSteps.ToImmutableDictionary(StringComparer.Ordinal),
            Notes = [.. notes.Select(n => new Note(n, struck.Contains(n.Id)))],
        };
    }

    /// <summary>These records and one more (what the Bot shows right after appending it).</summary>
    public SessionRecords With(SessionItem item)
    {
        ArgumentNullException.ThrowIfNull(item);

        // The usual case, a new answer later than everything here (a burst of answers shows each
        // one this way): it only joins its pitch's answers, in the order the fold would give it.
        if (item is AnswerRecord answer && (Items.IsEmpty || Follows(answer, Items[^1])) && !Items.Exists(i => i.Id == answer.Id))
        {
            return this with
            {
                Items = Items.Add(answer),
                Answers = Answers.SetItem(answer.PitchId, AnswersTo(answer.PitchId).Add(answer)),
            };
        }

        return From(Items.Add(item));
    }

    public Pitch? FindPitch(string pitchId) => Pitches.Find(p => p.Id == pitchId);

    /// <summary>The person's pitch in this session (also a withdrawn or "enkel luisteren" one).</summary>
    public Pitch? PitchOf(string person) => Pitches.Find(p => p.AuthorKey == person);

    public ImmutableList<AnswerRecord> AnswersTo(string pitchId) => Answers.GetValueOrDefault(pitchId, NoAnswers);

    public NextStepRecord? NextStepOf(string pitchId) => NextSteps.GetValueOrDefault(pitchId);

    public Note? FindNote(string noteId) => Notes.Find(n => n.Id == noteId);

    /// <summary>Whether the fold orders <paramref name="item"/> after <paramref name="last"/>: by time, then by id.</summary>
    private static bool Follows(SessionItem item, SessionItem last) =>
        item.At > last.At || (item.At == last.At && string.CompareOrdinal(item.Id, last.Id) > 0);

    private static Pitch Fold(Pitch? before, PitchRecord record)
    {
        var entersAnew = before is null || !before.IsActive();
        return new Pitch
        {
            Id = before?.Id ?? record.Id,
            AuthorKey = record.AuthorKey,
            AuthorName = record.AuthorName,
            Content = record.Content,
            Visibility = record.Visibility,
            ListenOnly = record.ListenOnly,
            Withdrawn = record.Withdrawn,
            Source = record.Source,
            SubmittedAt = entersAnew ? record.At : before!.SubmittedAt,
            UpdatedAt = record.At,
        };
    }
}
