using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Access.Features;

/// <summary>Revokes a pending invitation (admin): its link stops working at once. 404 when it is not pending in this workspace.</summary>
public static class RevokeInvitation
{
    public sealed record Request(string Id) : IRequest<bool>;

    internal sealed class Handler(Db db, Caller caller, AuditLog audit, Invitations invitations) : IRequestHandler<Request, bool>
    {
        public Task<bool> Handle(Request request, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                if (!await invitations.RevokeAsync(c, tx, caller.WorkspaceId, request.Id, cancellationToken))
                {
                    throw new NotFoundException("invitation", request.Id);
                }

                await audit.RecordAsync(c, tx, "invitation.revoked", "invitation", request.Id, null, cancellationToken);
                return true;
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapRevoke(id => new Request(id), Policies.Admin, nameof(RevokeInvitation), "Revoke a pending invitation (admin): its link stops working");
}
