using InfluenceCrm.Creators.PublicQueries;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Campaigns.Features;

/// <summary>One roster member (with its ETag, for PATCH): what the Location of POST /roster names.</summary>
public static class GetRosterMember
{
    public sealed record Request(string CampaignId, string MemberId) : IRequest<RosterMemberView>;

    internal sealed class Handler(Db db, Caller caller, CampaignStore store, IMediator mediator) : IRequestHandler<Request, RosterMemberView>
    {
        public async Task<RosterMemberView> Handle(Request request, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            var row = await store.LoadMemberAsync(c, caller.WorkspaceId, request.CampaignId, request.MemberId, null, cancellationToken);
            var creators = await mediator.Send(new GetCreatorSummaries.Request([row.CreatorId]), cancellationToken);
            return Roster.View(row, creators.GetValueOrDefault(row.CreatorId));
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/{id}/roster/{memberId}", async (string id, string memberId, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var member = await mediator.Send(new Request(id, memberId), ct);
                return ETags.Ok(http, member, member.Version);
            })
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(GetRosterMember))
            .WithMetadata(ETags.Answered.Instance)
            .WithSummary("Read a roster member (with ETag)")
            .Produces<RosterMemberView>();
}
