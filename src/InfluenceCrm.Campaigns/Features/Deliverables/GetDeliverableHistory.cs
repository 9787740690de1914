using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Campaigns.Features;

/// <summary>
/// Every step a deliverable took, oldest first: who (key and role), when, verdict, comment, caption. Not paged: a
/// deliverable's workflow has a handful of steps (each draft, review, publication and verification).
/// </summary>
public static class GetDeliverableHistory
{
    public sealed record Request(string CampaignId, string DeliverableId) : IRequest<Response>;

    public sealed record Response(string DeliverableId, IReadOnlyList<ReviewView> Items);

    internal sealed class Handler(Db db, Caller caller, CampaignStore store) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            var deliverable = await store.LoadDeliverableAsync(c, caller.WorkspaceId, request.CampaignId, request.DeliverableId, ct: cancellationToken);
            return new Response(deliverable.Id, await store.LoadReviewsAsync(c, caller.WorkspaceId, deliverable.Id, ct: cancellationToken));
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/{id}/deliverables/{deliverableId}/history", async (string id, string deliverableId, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new Request(id, deliverableId), ct)))
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(GetDeliverableHistory))
            .WithSummary("The review history of a deliverable")
            .Produces<Response>();
}
