using StuyfBot.Dialogs.Notes;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Roles;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Dialogs.Tests.Pitches;
using static StuyfBot.Dialogs.Tests.Sessions.SessionScript;

namespace StuyfBot.Dialogs.Tests.Summaries;

/// <summary>
/// A whole connectortafel, built through the real deciders, with marker strings where privacy
/// matters: Fenna's pitch is for the facilitators only (FACMARKER everywhere in it), Gust's is
/// anonymous (his name GUSTANONNAME must never show).
/// </summary>
internal static class SummaryScenario
{
    public static readonly Actor Fenna = new("29:fenna-key", "Fenna FACNAME");
    public static readonly Actor Gust = new("29:gust-key", "GUSTANONNAME");

    public const string FacMarker = "FACMARKER";

    /// <summary>
    /// Planned; Bart (group), Fenna (facilitators only) and Gust (anonymous) pre-submit, Dirk will only listen.
    /// Open: Carla supports methodically, Eva keeps time, Dirk is scribe; Eva adds a live pitch that gets skipped.
    /// Bart's, Fenna's and Gust's pitches come up with answers and next steps; notes, one struck.
    /// </summary>
    public static Table Closed()
    {
        var table = Table.PlannedTable()
            .Do(new SubmitPitch(new PitchContent("Ik maak meubels", "Een werkplaats", "Rondvragen", "Wie deelt er gereedschap?"), PitchVisibility.Group), Bart)
            .Do(new SubmitPitch(new PitchContent($"{FacMarker}-alive", $"{FacMarker}-seek https://facmarker.example/x", $"{FacMarker}-step", $"{FacMarker}-curious"), PitchVisibility.FacilitatorsOnly), Fenna)
            .Do(new SubmitPitch(new PitchContent("Ik zoek werk in de zorg", "Een stageplek", null, null), PitchVisibility.Anonymous), Gust)
            .Do(new SubmitPitch(PitchContent.Empty, PitchVisibility.Group, ListenOnly: true), Dirk)
            .Do(new Start("p1", SessionKind.Connectortafel, null, Conversation), An);
        foreach (var (who, mode) in new[] { (Bart, CheckInMode.Present), (Carla, CheckInMode.Present), (Dirk, CheckInMode.Listening), (Eva, CheckInMode.Present), (Fenna, CheckInMode.Present), (Gust, CheckInMode.Present) })
        {
            table = table.Do(new CheckIn(mode), who);
        }

        table = table
            .GiveRole(Role.MethodicalSupporter, Carla)
            .GiveRole(Role.Timekeeper, Eva)
            .GiveRole(Role.ChatScribe, Dirk)
            .Pitch(Eva, "Een live vraag die overgeslagen wordt");
        table = table.Do(new SkipPitch(table.PitchOf(Eva).Id), An).Do(new NextPitch(), An);
        var bart = table.PitchOf(Bart).Id;
        table = table
            .Do(new AnswerPitch(bart, AnswerKind.Tip, "Kijk eens bij https://repaircafe.example"), Carla)
            .Do(new AnswerPitch(bart, AnswerKind.Contact, "Ik ken een schrijnwerker"), An)
            .Do(new AnswerPitch(bart, AnswerKind.Offer, "Ik kan helpen met de website"), Eva)
            .Do(new AnswerPitch(bart, AnswerKind.Question, "Hoeveel ruimte heb je nodig?"), Dirk)
            .Do(new NoteNextStep(bart, "Ik bel de schrijnwerker"), Bart)
            .Do(new NextPitch(), An);
        var fenna = table.PitchOf(Fenna).Id;
        table = table
            .Do(new AnswerPitch(fenna, AnswerKind.Tip, $"{FacMarker}-answer https://facmarker.example/answer"), Carla)
            .Do(new NoteNextStep(fenna, $"{FacMarker}-nextstep"), Fenna)
            .Do(new NextPitch(), An);
        var gust = table.PitchOf(Gust).Id;
        table = table
            .Do(new AnswerPitch(gust, AnswerKind.Contact, "Ik ken een zorgcoördinator"), Bart)
            .Do(new NoteNextStep(gust, "Ik mail de zorgcoördinator"), Gust)
            .Do(new AddNote(ChatNote.Parse("#tip #link https://stuyverij.be/agenda")!), Bart)
            .Do(new AddNote(ChatNote.Parse("noteer deze schrappen we")!), Dirk);
        table = table.Do(new StrikeNote(table.Records.Notes[1].Id), Dirk)
            .Do(new Leave(), Eva)
            .Do(new RequestClose(), An)
            .Do(new ConfirmClose(), An);
        return table;
    }
}
