using InfluenceCrm.Creators.PublicQueries;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Access.Features;

/// <summary>Whether the creator's portal is open to one of the workspace's creators, since when and on whose invitation (admin, brand).</summary>
public static class GetCreatorPortalAccess
{
    public sealed record Request(string CreatorId) : IRequest<Response>;

    /// <param name="InvitedBy">The member (person id) or API key that last invited the creator.</param>
    public sealed record Response(string CreatorId, bool Open, DateTimeOffset? InvitedAt, string? InvitedBy);

    internal static readonly Sql Invitation = Sql.Both("""
        SELECT invited_at AS InvitedAt, invited_by AS InvitedBy FROM platform_portal_invitations
        WHERE workspace_id = @WorkspaceId AND creator_id = @CreatorId
        """);

    private sealed class Row
    {
        public DateTimeOffset InvitedAt { get; init; }
        public string InvitedBy { get; init; } = "";
    }

    internal sealed class Handler(Db db, Caller caller, IMediator mediator) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            var creator = await mediator.Send(new GetCreatorContact.Request(request.CreatorId), cancellationToken); // 404 outside the workspace
            await using var c = await db.OpenAsync(cancellationToken);
            var row = await c.QuerySingleOrDefaultAsync<Row>(Invitation, new { caller.WorkspaceId, CreatorId = creator.Id }, ct: cancellationToken);
            return new Response(creator.Id, row is not null, row?.InvitedAt, row?.InvitedBy);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/{id}/portal-invitations", async (string id, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new Request(id), ct)))
            .RequireAuthorization(Policies.PortalInvitations)
            .WithName(nameof(GetCreatorPortalAccess))
            .WithSummary("Whether the creator's portal is open to a creator, since when and invited by whom (admin, brand)")
            .Produces<Response>();
}
