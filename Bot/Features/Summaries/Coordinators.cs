using Microsoft.Extensions.Options;
using StuyfBot.Platform.Api;

namespace StuyfBot.Bot.Features.Summaries;

/// <summary>
/// Who is a coordinator: someone named in <see cref="SummaryOptions.Coordinators"/>, by Entra
/// object id (any letter case, as GUIDs are) or by Teams user id (exactly). Nobody else, the
/// moderators included: they see their own session's summary in the group, and the coordinator's
/// view holds every Stuyfplek's facilitators-only pitches.
/// </summary>
public sealed class Coordinators
{
    private readonly HashSet<Guid> _objectIds = [];
    private readonly HashSet<string> _userIds = new(StringComparer.Ordinal);

    public Coordinators(IOptions<SummaryOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var id in options.Value.Coordinators.SelectMany(c => c.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (Guid.TryParse(id, out var objectId))
            {
                _objectIds.Add(objectId);
            }
            else
            {
                _userIds.Add(id);
            }
        }
    }

    public bool Includes(Account? person) =>
        person is not null
        && ((Guid.TryParse(person.AadObjectId, out var objectId) && _objectIds.Contains(objectId))
            || (person.Id is { } userId && _userIds.Contains(userId)));
}
