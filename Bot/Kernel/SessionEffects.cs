using StuyfBot.Dialogs.Sessions;

namespace StuyfBot.Bot.Kernel;

/// <summary>
/// A feature's part in carrying out a committed decision: the kernel calls every registered
/// effect for every event, after the change is stored, in the order the events happened (next to
/// the live card and the announcements). A feature reacts to another's event this way (the
/// summary when a session closes, the timer's alerts when it changes) instead of being called by name.
/// </summary>
public interface ISessionEffect
{
    Task OnEventAsync(SessionEventContext context, SessionEvent sessionEvent, CancellationToken cancellationToken);
}

/// <summary>Where an event happened: the conversation's sessions as committed, and the session after the command.</summary>
public sealed record SessionEventContext(ConversationSessions Sessions, Session Session);

/// <summary>An effect that reacts to one kind of event and lets every other pass.</summary>
public abstract class SessionEffect<TEvent> : ISessionEffect
    where TEvent : SessionEvent
{
    public Task OnEventAsync(SessionEventContext context, SessionEvent sessionEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return sessionEvent is TEvent happened ? OnAsync(context, happened, cancellationToken) : Task.CompletedTask;
    }

    protected abstract Task OnAsync(SessionEventContext context, TEvent happened, CancellationToken cancellationToken);
}
