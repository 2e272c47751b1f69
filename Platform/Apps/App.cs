using System.Text.RegularExpressions;
using StuyfBot.Platform.Api;

namespace StuyfBot.Platform.Apps;

/// <summary>
/// The activity router (named after the Teams SDK's App): features register handlers with
/// OnMessage, OnCardAction, OnMeetingStart/End, OnMembersAdded and OnInstall; the first
/// matching handler takes the turn.
/// </summary>
public sealed class App
{
    private readonly List<(Regex? Pattern, Func<ActivityContext, Task> Handler)> _messages = [];
    private readonly Dictionary<string, Func<ActivityContext, AdaptiveCardInvokeAction, Task<InvokeResponse>>> _cardActions = new(StringComparer.Ordinal);
    private readonly List<Func<ActivityContext, Task>> _meetingStart = [];
    private readonly List<Func<ActivityContext, Task>> _meetingEnd = [];
    private readonly List<Func<ActivityContext, Task>> _membersAdded = [];
    private readonly List<Func<ActivityContext, Task>> _install = [];
    private readonly List<Func<ActivityContext, Func<Task>, Task>> _middleware = [];

    /// <summary>
    /// Adds middleware that runs around every turn, in registration order (e.g. remembering a
    /// person's conversation reference); it calls <c>next</c> to continue the turn.
    /// </summary>
    public App Use(Func<ActivityContext, Func<Task>, Task> middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        _middleware.Add(middleware);
        return this;
    }

    /// <summary>Handles every message no pattern route took.</summary>
    public App OnMessage(Func<ActivityContext, Task> handler) => OnMessage(null, handler);

    /// <summary>Handles messages whose command text (without the bot's mention) matches the pattern.</summary>
    public App OnMessage(Regex? pattern, Func<ActivityContext, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _messages.Add((pattern, handler));
        return this;
    }

    /// <summary>Handles an <c>adaptiveCard/action</c> invoke (Action.Execute) with the given verb.</summary>
    public App OnCardAction(string verb, Func<ActivityContext, AdaptiveCardInvokeAction, Task<InvokeResponse>> handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(verb);
        ArgumentNullException.ThrowIfNull(handler);
        if (!_cardActions.TryAdd(verb, handler))
        {
            throw new InvalidOperationException($"The card action verb '{verb}' already has a handler.");
        }

        return this;
    }

    public App OnMeetingStart(Func<ActivityContext, Task> handler) => Add(_meetingStart, handler);

    public App OnMeetingEnd(Func<ActivityContext, Task> handler) => Add(_meetingEnd, handler);

    /// <summary>Handles conversationUpdate activities with members added (the bot or people).</summary>
    public App OnMembersAdded(Func<ActivityContext, Task> handler) => Add(_membersAdded, handler);

    /// <summary>Handles installationUpdate activities with action "add".</summary>
    public App OnInstall(Func<ActivityContext, Task> handler) => Add(_install, handler);

    public IReadOnlyCollection<string> CardActionVerbs => _cardActions.Keys;

    /// <summary>
    /// Runs the turn. Returns the invoke response for an invoke, null for everything else.
    /// </summary>
    public async Task<InvokeResponse?> ProcessAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_middleware.Count == 0)
        {
            return await RouteAsync(context).ConfigureAwait(false);
        }

        InvokeResponse? response = null;
        Func<Task> next = async () => response = await RouteAsync(context).ConfigureAwait(false);
        for (var i = _middleware.Count - 1; i >= 0; i--)
        {
            var middleware = _middleware[i];
            var inner = next;
            next = () => middleware(context, inner);
        }

        await next().ConfigureAwait(false);
        return response;
    }

    private async Task<InvokeResponse?> RouteAsync(ActivityContext context)
    {
        var activity = context.Activity;
        switch (activity.Type)
        {
            case ActivityTypes.Message:
                await RouteMessageAsync(context).ConfigureAwait(false);
                return null;
            case ActivityTypes.Invoke:
                return await RouteInvokeAsync(context).ConfigureAwait(false);
            case ActivityTypes.ConversationUpdate when activity.MembersAdded is { Count: > 0 }:
                await RunAllAsync(_membersAdded, context).ConfigureAwait(false);
                return null;
            case ActivityTypes.InstallationUpdate when activity.Action is null || activity.Action.StartsWith("add", StringComparison.OrdinalIgnoreCase):
                await RunAllAsync(_install, context).ConfigureAwait(false);
                return null;
            case ActivityTypes.Event when activity.Name == EventNames.MeetingStart:
                await RunAllAsync(_meetingStart, context).ConfigureAwait(false);
                return null;
            case ActivityTypes.Event when activity.Name == EventNames.MeetingEnd:
                await RunAllAsync(_meetingEnd, context).ConfigureAwait(false);
                return null;
            default:
                return null;
        }
    }

    private async Task RouteMessageAsync(ActivityContext context)
    {
        var command = context.Command;
        foreach (var (pattern, handler) in _messages)
        {
            if (pattern is not null && pattern.IsMatch(command))
            {
                await handler(context).ConfigureAwait(false);
                return;
            }
        }

        foreach (var (pattern, handler) in _messages)
        {
            if (pattern is null)
            {
                await handler(context).ConfigureAwait(false);
                return;
            }
        }
    }

    private async Task<InvokeResponse> RouteInvokeAsync(ActivityContext context)
    {
        if (context.Activity.Name != InvokeNames.AdaptiveCardAction)
        {
            return new InvokeResponse(501);
        }

        var value = InvokeValue.Read(context.Activity);
        if (value?.Action is not { Verb: { Length: > 0 } verb } action)
        {
            return InvokeResponse.Error(400, "BadRequest", "The card action has no verb.");
        }

        return _cardActions.TryGetValue(verb, out var handler)
            ? await handler(context, action).ConfigureAwait(false)
            : InvokeResponse.Error(400, "NotSupported", $"The verb '{verb}' is not known.");
    }

    private static async Task RunAllAsync(List<Func<ActivityContext, Task>> handlers, ActivityContext context)
    {
        foreach (var handler in handlers)
        {
            await handler(context).ConfigureAwait(false);
        }
    }

    private App Add(List<Func<ActivityContext, Task>> handlers, Func<ActivityContext, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        handlers.Add(handler);
        return this;
    }
}
