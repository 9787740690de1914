using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Campaigns.Features;

public static class GetCampaign
{
    public sealed record Request(string Id) : IRequest<CampaignView>;

    internal sealed class Handler(Db db, Caller caller, CampaignStore store) : IRequestHandler<Request, CampaignView>
    {
        public async Task<CampaignView> Handle(Request request, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            return await store.LoadCampaignAsync(c, caller.WorkspaceId, request.Id, ct: cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/{id}", async (string id, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var campaign = await mediator.Send(new Request(id), ct);
                return ETags.Ok(http, campaign, campaign.Version);
            })
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(GetCampaign))
            .WithMetadata(ETags.Answered.Instance)
            .WithSummary("Read one campaign (with ETag)")
            .Produces<CampaignView>();
}
