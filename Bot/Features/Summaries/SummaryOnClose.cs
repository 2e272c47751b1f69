using StuyfBot.Bot.Kernel;
using StuyfBot.Dialogs.Sessions;

namespace StuyfBot.Bot.Features.Summaries;

/// <summary>When a session closes, its summary is published (stored, posted, recaps sent; see <see cref="SummaryPublisher"/>).</summary>
public sealed class SummaryOnClose : ISessionEffect
{
    private readonly SummaryPublisher _publisher;

    public SummaryOnClose(SummaryPublisher publisher) => _publisher = publisher;

    public Task OnEventAsync(SessionEventContext context, SessionEvent sessionEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return sessionEvent is SessionClosed closed
            ? _publisher.PublishAsync(context.Sessions, closed.Session, cancellationToken)
            : Task.CompletedTask;
    }
}
