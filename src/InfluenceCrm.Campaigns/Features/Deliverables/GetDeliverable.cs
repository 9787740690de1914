using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Campaigns.Features;

public static class GetDeliverable
{
    public sealed record Request(string CampaignId, string DeliverableId) : IRequest<DeliverableView>;

    internal sealed class Handler(Db db, Caller caller, CampaignStore store) : IRequestHandler<Request, DeliverableView>
    {
        public async Task<DeliverableView> Handle(Request request, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            return await store.LoadDeliverableAsync(c, caller.WorkspaceId, request.CampaignId, request.DeliverableId, ct: cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/{id}/deliverables/{deliverableId}", async (string id, string deliverableId, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var deliverable = await mediator.Send(new Request(id, deliverableId), ct);
                return ETags.Ok(http, deliverable, deliverable.Version);
            })
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(GetDeliverable))
            .WithMetadata(ETags.Answered.Instance)
            .WithSummary("Read one deliverable (with ETag)")
            .Produces<DeliverableView>();
}
