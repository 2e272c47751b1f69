using System.Globalization;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Pitches;
using StuyfBot.Cards.Sessions;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Roles;
using StuyfBot.Dialogs.Summaries;

namespace StuyfBot.Cards.Summaries;

/// <summary>
/// The words of a summary, shared by the card, the Markdown and the HTML: plain text, not yet
/// escaped (each renderer escapes for its own format).
/// </summary>
internal static class SummaryText
{
    /// <summary>"Connectortafel: Dinsdag".</summary>
    public static string SessionName(SessionSummary summary, Text text)
    {
        var kind = SessionCard.KindName(text, summary.Kind);
        return summary.Title is null ? kind : text.Format("SessionHeading", kind, summary.Title);
    }

    public static string Title(SessionSummary summary, Text text) => text.Format("SummaryTitle", SessionName(summary, text));

    public static string HeldOn(SessionSummary summary, Text text) => text.Format("SummaryHeldOn", PitchText.When(text, summary.HeldOn()));

    /// <summary>"1. Bart", "2. Een anonieme pitch", "3. Fenna (enkel voor de begeleiders)".</summary>
    public static string PitchHeading(SummaryPitch pitch, Text text)
    {
        var who = pitch.AuthorName is null ? text["PitchAnonymous"]
            : pitch.Visibility == PitchVisibility.FacilitatorsOnly ? text.Format("PitchNameFacilitatorsOnly", pitch.AuthorName)
            : pitch.AuthorName;
        return string.Create(CultureInfo.InvariantCulture, $"{pitch.Number}. {who}");
    }

    /// <summary>The attendance as label and value pairs (numbers, then the moderator and each role).</summary>
    public static IReadOnlyList<(string Label, string Value)> Attendance(SessionSummary summary, Text text)
    {
        var attendance = summary.Attendance;
        var facts = new List<(string, string)>
        {
            (text["SummaryCheckedIn"], Number(attendance.Total)),
            (text["SummaryListened"], Number(attendance.Listened)),
            (text["SummaryLeftEarly"], Number(attendance.Left)),
            (text["SummaryPitched"], Number(attendance.Pitched)),
            (text["RoleModerator"], attendance.ModeratorName ?? text["SummaryNobody"]),
        };
        facts.AddRange(RoleList.All.Select(role => (
            SessionCard.RoleName(text, role),
            attendance.Roles.FirstOrDefault(r => r.Role == role) is { Holders.Count: > 0 } held ? string.Join(", ", held.Holders) : text["SummaryNobody"])));
        return facts;
    }

    /// <summary>The answers grouped by kind, in the order of the kinds, skipping kinds without answers.</summary>
    public static IEnumerable<(AnswerKind Kind, IReadOnlyList<SummaryAnswer> Answers)> AnswerGroups(SummaryPitch pitch)
    {
        var groups = pitch.Answers.GroupBy(a => a.Kind).ToDictionary(g => g.Key, g => (IReadOnlyList<SummaryAnswer>)[.. g]);
        return Enum.GetValues<AnswerKind>().Where(groups.ContainsKey).Select(k => (k, groups[k]));
    }

    public static string Tags(SummaryNote note, Text text) => string.Join(", ", note.Tags.Select(t => PitchText.NoteTag(text, t)));

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
