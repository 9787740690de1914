using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Access.Features;

/// <summary>Revocation takes effect on the next request; revoking twice is harmless.</summary>
public static class RevokeApiKey
{
    public sealed record Request(string Id) : IRequest<bool>;

    public static readonly Sql Revoke = Sql.Both("""
        UPDATE platform_api_keys SET revoked_at = @Now
        WHERE id = @Id AND workspace_id = @WorkspaceId AND revoked_at IS NULL
        """);

    public static readonly Sql Exists = Sql.Both("SELECT COUNT(*) FROM platform_api_keys WHERE id = @Id AND workspace_id = @WorkspaceId");

    internal sealed class Handler(Db db, Caller caller, AuditLog audit, TimeProvider clock) : IRequestHandler<Request, bool>
    {
        public Task<bool> Handle(Request request, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var ids = new { request.Id, caller.WorkspaceId };
                if (await c.ExecuteScalarAsync<long>(Exists, ids, tx, cancellationToken) == 0)
                {
                    throw new NotFoundException("API key", request.Id);
                }

                if (await c.ExecuteAsync(Revoke, new { request.Id, caller.WorkspaceId, Now = clock.GetUtcNow() }, tx, cancellationToken) > 0)
                {
                    await audit.RecordAsync(c, tx, "api_key.revoked", "api_key", request.Id, ct: cancellationToken);
                }

                return true;
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapRevoke(id => new Request(id), Policies.Admin, nameof(RevokeApiKey), "Revoke an API key of this workspace (admin)");
}
