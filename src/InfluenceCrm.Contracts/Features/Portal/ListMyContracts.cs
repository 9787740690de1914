using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.Contracts.Features;

/// <summary>
/// The portal's list: the contracts the signed-in creator has with this workspace, once sent (drafts are the brand's), newest
/// first, each saying whether it waits for the creator's signature. Only a portal request acting as a creator may ask.
/// </summary>
public static class ListMyContracts
{
    public sealed record Request : IRequest<IReadOnlyList<Item>>;

    /// <param name="AwaitsMySignature">The current version waits for the creator's online signature.</param>
    public sealed record Item(string Id, string Title, string Status, int TermsVersion, DateTimeOffset UpdatedAt, bool AwaitsMySignature);

    public static readonly Sql Mine = Sql.Both("""
        SELECT c.id AS Id, c.title AS Title, c.status AS Status, c.current_terms_version AS TermsVersion, c.updated_at AS UpdatedAt,
            (SELECT COUNT(*) FROM contract_signatures s WHERE s.contract_id = c.id AND s.terms_version = c.current_terms_version
                AND s.invalidated_at IS NULL) AS SignaturesInForce
        FROM contract_contracts c
        WHERE c.workspace_id = @WorkspaceId AND c.creator_id = @CreatorId AND c.status <> 'draft'
        ORDER BY c.created_at DESC, c.id DESC
        """);

    private sealed class Row
    {
        public string Id { get; init; } = "";
        public string Title { get; init; } = "";
        public string Status { get; init; } = "";
        public long TermsVersion { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
        public long SignaturesInForce { get; init; }
    }

    internal sealed class Handler(Db db, Caller caller, SignatureEvidence evidence) : IRequestHandler<Request, IReadOnlyList<Item>>
    {
        public async Task<IReadOnlyList<Item>> Handle(Request request, CancellationToken cancellationToken)
        {
            var creatorId = evidence.PortalCreatorId ?? throw new ForbiddenException("Only a creator signed in to the portal has contracts of their own.");
            await using var c = await db.OpenAsync(cancellationToken);
            var rows = await c.QueryAsync<Row>(Mine, new { caller.WorkspaceId, CreatorId = creatorId }, ct: cancellationToken);
            return rows.Select(r => new Item(r.Id, r.Title, r.Status, (int)r.TermsVersion, r.UpdatedAt,
                r.SignaturesInForce == 0 && (r.Status == "sent" || (r.Status is "signed" or "active" && r.TermsVersion > 1)))).ToList();
        }
    }
}
