using InfluenceCrm.Creators.PublicQueries;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Campaigns.Features;

/// <summary>The roster with each creator's name and main account (bounded by the roster size: not paged).</summary>
public static class ListRoster
{
    public sealed record Request(string CampaignId) : IRequest<Response>;

    public sealed record Response(IReadOnlyList<RosterMemberView> Items);

    internal sealed class Handler(Db db, Caller caller, CampaignStore store, IMediator mediator) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            List<CampaignStore.MemberRow> rows;
            await using (var c = await db.OpenAsync(cancellationToken))
            {
                var campaign = await store.LoadCampaignAsync(c, caller.WorkspaceId, request.CampaignId, ct: cancellationToken);
                rows = (await c.QueryAsync<CampaignStore.MemberRow>(CampaignStore.LoadRoster,
                    new { caller.WorkspaceId, CampaignId = campaign.Id }, ct: cancellationToken)).ToList();
            }

            var creators = await mediator.Send(new GetCreatorSummaries.Request(rows.Select(r => r.CreatorId).ToList()), cancellationToken);
            return new Response(rows.Select(r => Roster.View(r, creators.GetValueOrDefault(r.CreatorId))).ToList());
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/{id}/roster", async (string id, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new Request(id), ct)))
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(ListRoster))
            .WithSummary("List the roster with each creator's name and main account")
            .Produces<Response>();
}
