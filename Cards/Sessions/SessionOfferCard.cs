using StuyfBot.Cards.AdaptiveCards;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Welcome;
using StuyfBot.Dialogs.Sessions;

namespace StuyfBot.Cards.Sessions;

/// <summary>The offers the bot makes when a Teams meeting starts or ends, and its help entries.</summary>
public static class SessionOfferCard
{
    /// <summary>A meeting started in a chat without an open session: offer to start one.</summary>
    public static AdaptiveCard StartOffer(Text text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new AdaptiveCard([new TextBlock(text["SessionStartOffer"]), new ActionSet(StartButtons(text))]);
    }

    /// <summary>The meeting ended while a session is open: offer the moderator to close it (with confirmation).</summary>
    public static AdaptiveCard CloseOffer(Text text, Session session)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(session);
        return new AdaptiveCard(
        [
            new TextBlock(text["SessionCloseOffer"]),
            new ActionSet([new ExecuteAction(text["ButtonClose"], SessionVerbs.RequestClose, SessionCard.Data(session))]),
        ]);
    }

    /// <summary>The answer to a typed "sluit af": the question, and yes or no (only the moderator's press counts).</summary>
    public static AdaptiveCard CloseConfirm(Text text, Session session)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(session);
        return new AdaptiveCard(
        [
            new TextBlock(text["SessionCloseQuestion"]) { Weight = "bolder" },
            new ActionSet(
            [
                new ExecuteAction(text["ButtonCloseYes"], SessionVerbs.ConfirmClose, SessionCard.Data(session)) { Style = "destructive" },
                new ExecuteAction(text["ButtonCloseNo"], SessionVerbs.CancelClose, SessionCard.Data(session)),
            ]),
        ]);
    }

    /// <summary>The typed commands for the help card.</summary>
    public static IReadOnlyList<HelpCard.Command> HelpCommands { get; } =
    [
        new("start connectortafel [titel]", "HelpCommandStartConnectortafel"),
        new("start open huys [titel]", "HelpCommandStartOpenHuys"),
    ];

    /// <summary>The start buttons for the help card; sessions run in group chats, channels and meetings only.</summary>
    public static IReadOnlyList<CardAction> HelpActions(Text text, bool personal)
    {
        ArgumentNullException.ThrowIfNull(text);
        return personal ? [] : StartButtons(text);
    }

    private static List<CardAction> StartButtons(Text text) =>
    [
        new ExecuteAction(text["ButtonStartOpenHuys"], SessionVerbs.Start, new Dictionary<string, string> { [SessionVerbs.KindKey] = SessionVerbs.Value(SessionKind.OpenHuys) }),
        new ExecuteAction(text["ButtonStartConnectortafel"], SessionVerbs.Start, new Dictionary<string, string> { [SessionVerbs.KindKey] = SessionVerbs.Value(SessionKind.Connectortafel) }),
    ];
}
