using StuyfBot.Cards.AdaptiveCards;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Pitches;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Roles;
using StuyfBot.Dialogs.Sessions;

namespace StuyfBot.Cards.Sessions;

/// <summary>
/// The live session card. The posted (shared) card shows the state and only the buttons anyone
/// may use; each person listed in its refresh gets their own view with the buttons the rules
/// allow them (<see cref="SessionPermissions"/>), so moderator buttons never reach the others.
/// </summary>
public static class SessionCard
{
    /// <summary>Teams refreshes a card by itself for at most 60 listed users.</summary>
    public const int MaxRefreshUsers = 60;

    public static AdaptiveCard Render(SessionView view, Text text, SessionViewer viewer)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(viewer);
        var session = view.Session;
        var closed = session.Status == SessionStatus.Closed;
        var body = new List<CardElement> { Header(session, text) };
        if (session.ModeratorHasLeft())
        {
            body.Add(new TextBlock(text["SessionModeratorLeftWarning"]) { Weight = "bolder", Color = "attention" });
        }

        if (closed)
        {
            body.Add(new TextBlock(text["SessionClosedThanks"]));
        }
        else if (viewer.PersonKey is { } me && AboutYou(view, me, text) is { } aboutYou)
        {
            body.Add(new TextBlock(aboutYou) { IsSubtle = true });
        }

        // A session that never opened (planned, or cancelled before it began) has nobody to show.
        if (session.OpenedAt is not null)
        {
            body.AddRange(Attendance(session, text));
            body.AddRange(Roles(session, text));
        }

        // A person's own view gets the buttons the rules allow them; the shared card only those anyone may use.
        var person = closed ? null : viewer.PersonKey;
        var round = person is null ? null : RoundPermissions.For(session, view.Records, person);
        body.AddRange(SessionRound.Section(view, text, viewer.PersonKey, view.WithRound ? round : null));
        if (person is not null && round is not null)
        {
            var mine = view.Records.PitchOf(person);
            var roundActions = view.WithRound ? SessionRound.PersonalActions(view, text, round, mine) : [];
            body.AddRange(PersonalActions(session, SessionPermissions.For(session, person), text, roundActions));
        }
        else if (!closed)
        {
            body.AddRange(SharedActions(session, text, view.WithRound ? SessionRound.SharedActions(view, text) : []));
        }

        return new AdaptiveCard(body) { Refresh = closed ? null : Refresh(session, text) };
    }

    /// <summary>Who gets their own view: the moderator first, then everyone who checked in (at most 60).</summary>
    public static IReadOnlyList<string> RefreshUsers(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return [.. session.Participants.Select(p => p.Key).Prepend(session.Moderator).Distinct(StringComparer.Ordinal).Take(MaxRefreshUsers)];
    }

    public static string KindName(Text text, SessionKind kind)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text[kind == SessionKind.Connectortafel ? "SessionKindConnectortafel" : "SessionKindOpenHuys"];
    }

    public static string RoleName(Text text, Role role)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text[$"Role{role}"];
    }

    internal static Dictionary<string, string> Data(Session session, params (string Key, string Value)[] more)
    {
        var data = new Dictionary<string, string> { [SessionVerbs.SessionIdKey] = session.Id };
        foreach (var (key, value) in more)
        {
            data[key] = value;
        }

        return data;
    }

    private static Container Header(Session session, Text text)
    {
        var kind = KindName(text, session.Kind);
        var status = text[session.Status switch
        {
            SessionStatus.Planned => "SessionStatusPlanned",
            SessionStatus.Open => "SessionStatusOpen",
            _ => "SessionStatusClosed",
        }];
        return new Container(
        [
            new TextBlock(session.Title is null ? kind : text.Format("SessionHeading", kind, session.Title))
            {
                Size = "large", Weight = "bolder", Style = "heading",
            },
            new FactSet(
            [
                new Fact(text["SessionStatusLabel"], status),
                .. session.PlannedFor is { } when && session.Status == SessionStatus.Planned
                    ? [new Fact(text["SessionWhenLabel"], PitchText.When(text, when))]
                    : Array.Empty<Fact>(),
            ]),
        ]);
    }

    /// <summary>Where the viewer stands (moderator, here, listening, ...); null when there is nothing to say yet.</summary>
    private static string? AboutYou(SessionView view, string me, Text text)
    {
        var session = view.Session;
        var participant = session.Find(me);
        var lines = new List<string>();
        if (session.IsModerator(me))
        {
            lines.Add(text["SessionYouModerate"]);
        }

        if (session.Status == SessionStatus.Open)
        {
            lines.Add(text[participant?.Presence switch
            {
                Presence.Present => "SessionYouArePresent",
                Presence.Listening => "SessionYouListen",
                Presence.Left => "SessionYouLeft",
                _ => "SessionYouNotCheckedIn",
            }]);
            if (participant is { OptedOut: true } && participant.IsHere())
            {
                lines.Add(text["SessionYouOptedOut"]);
            }
        }

        if (SessionRound.AboutYourPitch(view, me, text) is { } pitch)
        {
            lines.Add(pitch);
        }

        return lines.Count == 0 ? null : string.Join(" ", lines);
    }

    private static IEnumerable<CardElement> Attendance(Session session, Text text)
    {
        yield return Heading(text["SessionWhoIsHere"]);
        var facts = new List<Fact>();
        AddNames(facts, text["SessionPresentLabel"], session.Participants.Where(p => p.Presence == Presence.Present), text);
        AddNames(facts, text["SessionListeningLabel"], session.Participants.Where(p => p.Presence == Presence.Listening), text);
        AddNames(facts, text["SessionLeftLabel"], session.Participants.Where(p => p.Presence == Presence.Left), text);
        if (!session.Participants.Any(p => p.IsHere()))
        {
            yield return new TextBlock(text["SessionNobodyYet"]);
        }

        if (facts.Count > 0)
        {
            yield return new FactSet(facts);
        }
    }

    private static void AddNames(List<Fact> facts, string label, IEnumerable<Participant> people, Text text)
    {
        var names = people.Select(p => p.OptedOut && p.IsHere() ? text.Format("SessionOptedOutMark", p.Name) : p.Name).ToList();
        if (names.Count > 0)
        {
            facts.Add(new Fact($"{label} ({names.Count})", string.Join(", ", names)));
        }
    }

    private static IEnumerable<CardElement> Roles(Session session, Text text)
    {
        yield return Heading(text["SessionRolesTitle"]);
        var moderator = NameOf(session, session.Moderator);
        var facts = new List<Fact>
        {
            new(text["RoleModerator"], session.ModeratorHasLeft() ? text.Format("SessionLeftMark", moderator) : moderator),
        };
        facts.AddRange(RoleList.All.Select(role => new Fact(
            RoleName(text, role),
            session.HolderOf(role) is { } holder ? NameOf(session, holder) : text["SessionRoleFree"])));
        yield return new FactSet(facts);
    }

    private static IEnumerable<CardElement> SharedActions(Session session, Text text, IEnumerable<CardAction> round)
    {
        if (session.Status == SessionStatus.Planned)
        {
            yield return new ActionSet([StartButton(session, text), .. round]);
            yield break;
        }

        yield return new ActionSet(
        [
            Button(text["ButtonCheckIn"], SessionVerbs.CheckIn, session) with { Style = "positive" },
            Button(text["ButtonListen"], SessionVerbs.Listen, session),
            Button(text["ButtonOptOut"], SessionVerbs.OptOut, session),
        ]);
        var free = session.FreeRoles().ToList();
        if (free.Count > 0)
        {
            yield return new ActionSet([.. free.Select(r => TakeButton(session, r, text))]);
        }

        if (session.ModeratorHasLeft())
        {
            yield return new ActionSet([Button(text["ButtonTakeOver"], SessionVerbs.TakeOver, session)]);
        }

        yield return new ActionSet([.. round]);
    }

    private static IEnumerable<CardElement> PersonalActions(Session session, SessionPermissions may, Text text, IEnumerable<CardElement> round)
    {
        if (may.ConfirmClose)
        {
            yield return new Container(
            [
                new TextBlock(text["SessionCloseQuestion"]) { Weight = "bolder" },
                new ActionSet(
                [
                    Button(text["ButtonCloseYes"], SessionVerbs.ConfirmClose, session) with { Style = "destructive" },
                    Button(text["ButtonCloseNo"], SessionVerbs.CancelClose, session),
                ]),
            ])
            { Style = "attention", Spacing = "medium" };
        }

        if (may.Start)
        {
            yield return new ActionSet([StartButton(session, text)]);
        }

        var attendance = new List<CardAction>();
        if (may.CheckIn)
        {
            attendance.Add(Button(text["ButtonCheckIn"], SessionVerbs.CheckIn, session) with { Style = "positive" });
        }

        if (may.Listen)
        {
            attendance.Add(Button(text["ButtonListen"], SessionVerbs.Listen, session));
        }

        if (may.OptOut)
        {
            attendance.Add(Button(text["ButtonOptOut"], SessionVerbs.OptOut, session));
        }

        if (may.OptIn)
        {
            attendance.Add(Button(text["ButtonOptIn"], SessionVerbs.OptIn, session));
        }

        if (may.Leave)
        {
            attendance.Add(Button(text["ButtonLeave"], SessionVerbs.Leave, session));
        }

        if (attendance.Count > 0)
        {
            yield return new ActionSet(attendance);
        }

        List<CardAction> roles =
        [
            .. may.TakeRoles.Select(r => TakeButton(session, r, text)),
            .. may.ReturnRoles.Select(r => Button(
                text.Format("ButtonReturnRole", RoleName(text, r)), SessionVerbs.ReturnRole, session, (SessionVerbs.RoleKey, SessionVerbs.Value(r)))),
        ];
        if (roles.Count > 0)
        {
            yield return new ActionSet(roles);
        }

        if (may.TakeOver)
        {
            yield return new ActionSet([Button(text["ButtonTakeOver"], SessionVerbs.TakeOver, session) with { Style = "positive" }]);
        }

        foreach (var element in round)
        {
            yield return element;
        }

        var tools = ModeratorTools(session, may, text);
        if (tools.Count > 0)
        {
            yield return new Container([Heading(text["SessionModeratorTools"]), new ActionSet(tools)]) { Separator = true };
        }
    }

    private static List<CardAction> ModeratorTools(Session session, SessionPermissions may, Text text)
    {
        var tools = new List<CardAction>();
        if (may.DivideRoles)
        {
            tools.Add(Button(text["ButtonDivideRoles"], SessionVerbs.DivideRoles, session) with { Style = "positive" });
        }

        if (may.AssignTargets.Count > 0)
        {
            tools.Add(new ShowCardAction(text["ButtonAssignRole"], Form(
                [
                    PersonChoice(SessionVerbs.AssignPersonInput, may.AssignTargets, text),
                    RoleChoice(SessionVerbs.AssignRoleInput, RoleList.All.Select(r => new Choice(RoleName(text, r), SessionVerbs.Value(r))), text),
                ],
                Button(text["ButtonAssignConfirm"], SessionVerbs.AssignRole, session))));
        }

        if (may.UnassignRoles.Count > 0)
        {
            var held = may.UnassignRoles.Select(r => new Choice($"{RoleName(text, r)}: {NameOf(session, session.HolderOf(r)!)}", SessionVerbs.Value(r)));
            tools.Add(new ShowCardAction(text["ButtonUnassignRole"], Form(
                [RoleChoice(SessionVerbs.UnassignRoleInput, held, text)],
                Button(text["ButtonUnassignConfirm"], SessionVerbs.UnassignRole, session))));
        }

        if (may.HandOverTargets.Count > 0)
        {
            tools.Add(new ShowCardAction(text["ButtonHandOver"], Form(
                [PersonChoice(SessionVerbs.HandOverPersonInput, may.HandOverTargets, text)],
                Button(text["ButtonHandOverConfirm"], SessionVerbs.HandOver, session))));
        }

        if (may.RequestClose)
        {
            tools.Add(Button(text["ButtonClose"], SessionVerbs.RequestClose, session));
        }

        return tools;
    }

    private static AdaptiveCard Form(IReadOnlyList<CardElement> inputs, ExecuteAction submit) => new(inputs, [submit]);

    private static ChoiceSetInput PersonChoice(string id, IEnumerable<Participant> people, Text text) =>
        new(id, [.. people.Select(p => new Choice(p.Name, p.Key))])
        {
            Label = text["InputPerson"],
            IsRequired = true,
            ErrorMessage = text["InputPersonError"],
            Style = "compact",
        };

    private static ChoiceSetInput RoleChoice(string id, IEnumerable<Choice> roles, Text text) =>
        new(id, [.. roles])
        {
            Label = text["InputRole"],
            IsRequired = true,
            ErrorMessage = text["InputRoleError"],
            Style = "compact",
        };

    private static ExecuteAction StartButton(Session session, Text text) =>
        Button(text["ButtonStartNow"], SessionVerbs.Start, session, (SessionVerbs.KindKey, SessionVerbs.Value(session.Kind))) with { Style = "positive" };

    private static ExecuteAction TakeButton(Session session, Role role, Text text) =>
        Button(text.Format("ButtonTakeRole", RoleName(text, role)), SessionVerbs.TakeRole, session, (SessionVerbs.RoleKey, SessionVerbs.Value(role)));

    private static ExecuteAction Button(string title, string verb, Session session, params (string Key, string Value)[] more) =>
        new(title, verb, Data(session, more));

    private static CardRefresh Refresh(Session session, Text text) =>
        new(new ExecuteAction(text["SessionRefresh"], SessionVerbs.Refresh, Data(session)), RefreshUsers(session));

    private static TextBlock Heading(string title) =>
        new(title) { Weight = "bolder", Size = "medium", Style = "heading", Spacing = "medium" };

    private static string NameOf(Session session, string person) => session.Find(person)?.Name is { Length: > 0 } name ? name : person;
}
