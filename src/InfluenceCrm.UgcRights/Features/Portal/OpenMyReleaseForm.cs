using System.Security.Cryptography;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.UgcRights.Features;

/// <summary>
/// The release form reached from the portal: for a release-form request still waiting on the signed-in creator's content,
/// a fresh link to the same public form (<c>/consent/{token}</c>, <see cref="ReleaseForm"/>). Only the token's hash is
/// kept, so the link cannot be read back: a new one replaces it (the link sent earlier stops working, as a reset link would).
/// Only a portal request acting as the content's creator may ask.
/// </summary>
public static class OpenMyReleaseForm
{
    public sealed record Request(string RequestId) : IRequest<string>;

    public static readonly Sql ReplaceToken = Sql.Both("""
        UPDATE ugc_rights_requests SET token_hash = @TokenHash
        WHERE workspace_id = @WorkspaceId AND id = @Id AND method = 'release_form' AND status = 'requested' AND expires_at >= @Now
        """);

    internal sealed class Handler(Db db, Caller caller, UgcStore store, AuditLog audit) : IRequestHandler<Request, string>
    {
        public Task<string> Handle(Request request, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var creatorId = caller.PortalCreatorId
                    ?? throw new ForbiddenException("Only a creator signed in to the portal opens their release forms here.");
                var rights = await store.LoadRequestAsync(c, caller.WorkspaceId, request.RequestId, tx, cancellationToken);
                var asset = await store.LoadAssetAsync(c, caller.WorkspaceId, rights.AssetId, tx, cancellationToken);
                if (asset.CreatorId != creatorId)
                {
                    throw new NotFoundException("rights request", request.RequestId);
                }

                var token = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
                var replaced = await c.ExecuteAsync(ReplaceToken,
                    new { TokenHash = RequestRights.TokenHash(token), caller.WorkspaceId, Id = rights.Id, store.Now },
                    tx, cancellationToken);
                if (replaced == 0)
                {
                    throw new ConflictException("This request has no release form waiting for an answer (answered, expired, or asked another way).");
                }

                await audit.RecordAsync(c, tx, "ugc.release_form_link_renewed", "asset", asset.Id, new { requestId = rights.Id, from = "portal" },
                    cancellationToken);
                return $"/consent/{token}";
            }, cancellationToken);
    }
}
