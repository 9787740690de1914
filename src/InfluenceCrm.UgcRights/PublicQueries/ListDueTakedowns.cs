using InfluenceCrm.Platform.Webhooks;
using InfluenceCrm.UgcRights.Features;
using MediatR;

namespace InfluenceCrm.UgcRights.PublicQueries;

/// <summary>
/// The take-downs the takedown.required webhook announces: usages of the caller's workspace no grant covers now, or whose
/// cover ends within the next days; keyed by usage, urgency and day, with the take-down as GET /api/v1/ugc/takedowns shows it.
/// </summary>
public static class ListDueTakedowns
{
    public sealed record Request(int WithinDays) : IRequest<IReadOnlyList<ScheduledEvent>>;

    internal sealed class Handler(IMediator mediator) : IRequestHandler<Request, IReadOnlyList<ScheduledEvent>>
    {
        public async Task<IReadOnlyList<ScheduledEvent>> Handle(Request request, CancellationToken cancellationToken) =>
            await ScheduledEvent.FromAllPagesAsync(async cursor =>
            {
                var page = await mediator.Send(new ListTakedowns.Request(request.WithinDays, 200, cursor), cancellationToken);
                return (page.Items, page.NextCursor);
            }, t => $"{t.UsageId}:{t.Urgency}:{t.TakeDownBefore:yyyy-MM-dd}");
    }
}
