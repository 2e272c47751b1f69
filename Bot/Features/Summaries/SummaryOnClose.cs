using StuyfBot.Bot.Kernel;
using StuyfBot.Dialogs.Sessions;

namespace StuyfBot.Bot.Features.Summaries;

/// <summary>When a session closes, its summary is published (stored, posted, recaps sent; see <see cref="SummaryPublisher"/>).</summary>
public sealed class SummaryOnClose(SummaryPublisher publisher) : SessionEffect<SessionClosed>
{
    protected override Task OnAsync(SessionEventContext context, SessionClosed happened, CancellationToken cancellationToken) =>
        publisher.PublishAsync(context.Sessions, happened.Session, cancellationToken);
}
