using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Access.Features;

/// <summary>One pending invitation of the workspace (admin), never its link: what the Location of POST /invitations names.</summary>
public static class GetInvitation
{
    public sealed record Request(string Id) : IRequest<InvitationView>;

    public static readonly Sql Load = Sql.Both("""
        SELECT id AS Id, email AS Email, role AS Role, created_at AS CreatedAt, expires_at AS ExpiresAt
        FROM platform_invitations WHERE workspace_id = @WorkspaceId AND id = @Id AND accepted_at IS NULL AND expires_at > @Now
        """);

    internal sealed class Handler(Db db, Caller caller, TimeProvider clock) : IRequestHandler<Request, InvitationView>
    {
        public async Task<InvitationView> Handle(Request request, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            var row = await c.QuerySingleOrDefaultAsync<InvitationViewRow>(Load, new { caller.WorkspaceId, request.Id, Now = clock.GetUtcNow() },
                ct: cancellationToken);
            return row?.View() ?? throw new NotFoundException("invitation", request.Id);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/{id}", async (string id, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new Request(id), ct)))
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(GetInvitation))
            .WithSummary("Read a pending invitation of this workspace (admin), without its link")
            .Produces<InvitationView>();
}
