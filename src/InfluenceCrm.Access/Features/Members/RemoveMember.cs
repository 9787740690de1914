using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Access.Features;

/// <summary>
/// Removes a person from this workspace (admin): their console session here ends at its next request; their account and
/// their other workspaces stay. The last admin cannot be removed (409).
/// </summary>
public static class RemoveMember
{
    public sealed record Request(string PersonId) : IRequest<bool>;

    internal sealed class Handler(Db db, Caller caller, AuditLog audit) : IRequestHandler<Request, bool>
    {
        public Task<bool> Handle(Request request, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var member = await Memberships.LoadRequiredAsync(c, tx, caller.WorkspaceId, request.PersonId, cancellationToken);
                await Memberships.RefuseLastAdminAsync(c, tx, caller.WorkspaceId, member, "removed", cancellationToken);
                await c.ExecuteAsync(Memberships.Delete, new { caller.WorkspaceId, request.PersonId }, tx, cancellationToken);
                await audit.RecordAsync(c, tx, "person.removed", "person", request.PersonId, new { role = member.Role }, cancellationToken);
                return true;
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapDelete("/{personId}", async (string personId, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new Request(personId), ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(RemoveMember))
            .WithSummary("Remove a person from this workspace (admin); the last admin cannot be removed")
            .Produces(StatusCodes.Status204NoContent);
}
