using StuyfBot.Cards.AdaptiveCards;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Sessions;
using StuyfBot.Cards.Welcome;
using StuyfBot.Dialogs.Sessions;

namespace StuyfBot.Cards.Pitches;

/// <summary>The help card's entries for planning, closing, notes and summaries, and its plan form.</summary>
public static class RoundHelp
{
    /// <summary>"plan connectortafel ...": the planning feature contributes it (with <see cref="HelpActions"/>).</summary>
    public static HelpCard.Command PlanCommand { get; } = new("plan connectortafel 28/11 19:30 [titel]", "HelpCommandPlan");

    /// <summary>"vraag": the pitch card for a planned session, in the 1:1 chat.</summary>
    public static HelpCard.Command PitchCommand { get; } = new("vraag", "HelpCommandPitch");

    /// <summary>"sluit af", "noteer ..." and the tags: the sessions feature contributes them (it handles them).</summary>
    public static IReadOnlyList<HelpCard.Command> SessionCommands { get; } =
    [
        new("sluit af", "HelpCommandClose"),
        new("noteer ...", "HelpCommandNote"),
        new("#tip #contact #link #idee #stap", "HelpCommandTags"),
    ];

    /// <summary>"verslagen": the summaries feature contributes it.</summary>
    public static HelpCard.Command SummariesCommand { get; } = new("verslagen", "HelpCommandSummaries");

    /// <summary>The typed commands for the help card, all together.</summary>
    public static IReadOnlyList<HelpCard.Command> HelpCommands { get; } =
        [PlanCommand, .. SessionCommands, SummariesCommand, PitchCommand];

    /// <summary>"Plan een sessie": a form on the help card in group chats (sessions run there, not in 1:1).</summary>
    public static IReadOnlyList<CardAction> HelpActions(Text text, bool personal)
    {
        ArgumentNullException.ThrowIfNull(text);
        return personal ? [] : [new ShowCardAction(text["ButtonPlanSession"], PlanForm(text))];
    }

    private static AdaptiveCard PlanForm(Text text) => new(
        [
            new ChoiceSetInput(
                SessionVerbs.PlanKindInput,
                [.. Enum.GetValues<SessionKind>().Select(k => new Choice(SessionCard.KindName(text, k), SessionVerbs.Value(k)))])
            {
                Label = text["PlanKindLabel"],
                Value = SessionVerbs.Value(SessionKind.Connectortafel),
                IsRequired = true,
                ErrorMessage = text["PlanKindError"],
            },
            new DateInput(SessionVerbs.PlanDateInput) { Label = text["PlanDateLabel"], IsRequired = true, ErrorMessage = text["PlanDateError"] },
            new TimeInput(SessionVerbs.PlanTimeInput) { Label = text["PlanTimeLabel"], IsRequired = true, ErrorMessage = text["PlanTimeError"] },
            new TextInput(SessionVerbs.PlanTitleInput) { Label = text["PlanTitleLabel"], Placeholder = text["PlanTitlePlaceholder"], MaxLength = SessionRules.MaxTitleLength },
        ],
        [new ExecuteAction(text["ButtonPlanConfirm"], SessionVerbs.Plan) { Style = "positive", AssociatedInputs = "auto" }]);
}
