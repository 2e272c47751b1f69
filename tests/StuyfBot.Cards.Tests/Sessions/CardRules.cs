using StuyfBot.Cards.Sessions;
using StuyfBot.Dialogs.Pitches;
using StuyfBot.Dialogs.Roles;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Dialogs.Timers;

namespace StuyfBot.Cards.Tests.Sessions;

/// <summary>What pressing a card's button would send, and whether the rules accept it for a person.</summary>
internal static class CardRules
{
    public const string TypedText = "Een getypte tekst";

    /// <summary>
    /// The data an invoke would carry: for a form, one per choice of each choice set (other choice
    /// sets take their first choice), with every text input filled in.
    /// </summary>
    public static IEnumerable<Dictionary<string, string?>> Filled(CardJson.Button button)
    {
        var choiceSets = button.FormInputs.Where(i => i["type"]!.GetValue<string>() == "Input.ChoiceSet").ToList();
        Dictionary<string, string?> Base()
        {
            var data = button.Data.ToDictionary(p => p.Key, p => (string?)p.Value);
            foreach (var input in button.FormInputs)
            {
                data[input["id"]!.GetValue<string>()] = input["type"]!.GetValue<string>() switch
                {
                    "Input.ChoiceSet" => input["choices"]!.AsArray()[0]!["value"]!.GetValue<string>(),
                    "Input.Date" => "2026-11-28",
                    "Input.Time" => "19:30",
                    _ => TypedText,
                };
            }

            return data;
        }

        if (choiceSets.Count == 0)
        {
            yield return Base();
            yield break;
        }

        foreach (var input in choiceSets)
        {
            foreach (var choice in input["choices"]!.AsArray())
            {
                var data = Base();
                data[input["id"]!.GetValue<string>()] = choice!["value"]!.GetValue<string>();
                yield return data;
            }
        }
    }

    /// <summary>
    /// Whether the rules accept this button for this person. A form that gives a role to someone
    /// who holds it already counts when another role can be given to them with the same form.
    /// </summary>
    public static bool Accepts(SessionView view, string verb, IReadOnlyDictionary<string, string?> data, Actor person, DateTimeOffset now)
    {
        var session = view.Session;
        return SessionVerbs.Read(verb, data) switch
        {
            RunSessionCommand { Command: AssignRole assign } => RoleList.All.Any(r => Decide(session, assign with { Role = r }, person, now)),
            RunSessionCommand run => Decide(session, run.Command, person, now),
            StartSession start => Decide(session, new Start("new", start.Kind, null, session.ConversationKey), person, now),
            RunRoundCommand round => RoundDecider.Decide(session, view.Records, round.Command, new RoundTurn(person, now, "probe"), TimerSettings.Default) is Accepted,
            ShowPitchForm => RoundPermissions.For(session, view.Records, person.Key).SubmitPitch,
            _ => false,
        };
    }

    private static bool Decide(Session session, SessionCommand command, Actor person, DateTimeOffset now) =>
        SessionDecider.Decide(session, command, person, now, RoleHistory.Empty) is Accepted;
}
