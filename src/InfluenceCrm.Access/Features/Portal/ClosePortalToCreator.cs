using InfluenceCrm.Creators.PublicQueries;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Access.Features;

/// <summary>
/// Closes the creator's portal to one of the workspace's creators (admin, brand): the workspace's invitation goes, and with it,
/// on the creator's next request, every portal session's access to this creator (sessions are matched to invitations on each
/// request); a link mailed before opens nothing of this workspace. Recorded in the audit log. Closing twice is harmless;
/// inviting again opens it again.
/// </summary>
public static class ClosePortalToCreator
{
    public sealed record Request(string CreatorId) : IRequest<bool>;

    internal static readonly Sql DeleteInvitation = Sql.Both(
        "DELETE FROM platform_portal_invitations WHERE workspace_id = @WorkspaceId AND creator_id = @CreatorId");

    internal sealed class Handler(Db db, Caller caller, AuditLog audit, IMediator mediator) : IRequestHandler<Request, bool>
    {
        public async Task<bool> Handle(Request request, CancellationToken cancellationToken)
        {
            var creator = await mediator.Send(new GetCreatorContact.Request(request.CreatorId), cancellationToken); // 404 outside the workspace
            return await db.InTransactionAsync(async (c, tx) =>
            {
                if (await c.ExecuteAsync(DeleteInvitation, new { caller.WorkspaceId, CreatorId = creator.Id }, tx, cancellationToken) > 0)
                {
                    await audit.RecordAsync(c, tx, "creator.portal_closed", "creator", creator.Id, ct: cancellationToken);
                }

                return true;
            }, cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapRevoke(id => new Request(id), Policies.PortalInvitations, nameof(ClosePortalToCreator),
            "Close the creator's portal to a creator (admin, brand): their portal sessions no longer open this workspace's pages", "/{id}/portal-invitations");
}
