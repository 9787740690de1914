using InfluenceCrm.Platform.Webhooks;
using InfluenceCrm.UgcRights.Features;
using MediatR;

namespace InfluenceCrm.UgcRights.PublicQueries;

/// <summary>
/// The grants the grant.expiring webhook announces: those of the caller's workspace that end, or whose revocation takes
/// effect, within the next days; keyed by grant and end day (a grant extended or revoked is announced anew), with the
/// grant as GET /api/v1/ugc/grants/expiring shows it.
/// </summary>
public static class ListEndingGrants
{
    public sealed record Request(int WithinDays) : IRequest<IReadOnlyList<ScheduledEvent>>;

    internal sealed class Handler(IMediator mediator) : IRequestHandler<Request, IReadOnlyList<ScheduledEvent>>
    {
        public async Task<IReadOnlyList<ScheduledEvent>> Handle(Request request, CancellationToken cancellationToken) =>
            await ScheduledEvent.FromAllPagesAsync(async cursor =>
            {
                var page = await mediator.Send(new ListExpiringGrants.Request(request.WithinDays, 200, cursor), cancellationToken);
                return (page.Items, page.NextCursor);
            }, g => $"{g.Id}:{g.RevokedFrom ?? g.Terms.EndsOn:yyyy-MM-dd}");
    }
}
