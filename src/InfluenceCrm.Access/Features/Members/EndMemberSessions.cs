using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Access.Features;

/// <summary>
/// "Sign out everywhere" for a member (admin): every console session of the person ends at its next request — a
/// session is the person's, not the workspace's, so their sessions in other workspaces end too (a stolen laptop is
/// stolen everywhere); their account, memberships and password stay. 404 when the person is not a member of this workspace.
/// Audited as person.sessions_ended. Idempotent: ending no session is no error.
/// </summary>
public static class EndMemberSessions
{
    public sealed record Request(string PersonId) : IRequest<Response>;

    /// <param name="Ended">How many open sessions ended.</param>
    public sealed record Response(int Ended);

    internal sealed class Handler(Db db, Caller caller, AuditLog audit, Sessions sessions) : IRequestHandler<Request, Response>
    {
        public Task<Response> Handle(Request request, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                await Memberships.LoadRequiredAsync(c, tx, caller.WorkspaceId, request.PersonId, cancellationToken);
                var ended = await sessions.RevokeAllAsync(c, tx, request.PersonId, null, cancellationToken);
                await audit.RecordAsync(c, tx, "person.sessions_ended", "person", request.PersonId, new { ended, by = "admin" }, cancellationToken);
                return new Response(ended);
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapDelete("/{personId}/sessions", async (string personId, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new Request(personId), ct)))
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(EndMemberSessions))
            .WithSummary("Sign a member out everywhere (admin): each of their console sessions ends at its next request")
            .Produces<Response>(StatusCodes.Status200OK);
}
