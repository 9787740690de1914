using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.Contracts.PublicQueries;

/// <summary>The cost of a campaign's creators per their signed contracts: fee plus in-kind value, per creator and currency.</summary>
public static class GetContractCosts
{
    public sealed record Request(string CampaignId) : IRequest<IReadOnlyList<ContractCost>>;

    public static readonly Sql SignedContracts = Sql.Both("""
        SELECT c.creator_id AS CreatorId, t.terms AS Terms
        FROM contract_contracts c JOIN contract_terms_versions t ON t.contract_id = c.id AND t.terms_version = c.current_terms_version
        WHERE c.workspace_id = @WorkspaceId AND c.campaign_id = @CampaignId AND c.status IN ('signed', 'active', 'completed')
        """);

    private sealed class Row
    {
        public string CreatorId { get; init; } = "";
        public string Terms { get; init; } = "{}";
    }

    internal sealed class Handler(Db db, Caller caller) : IRequestHandler<Request, IReadOnlyList<ContractCost>>
    {
        public async Task<IReadOnlyList<ContractCost>> Handle(Request request, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            var rows = await c.QueryAsync<Row>(SignedContracts, new { caller.WorkspaceId, request.CampaignId }, ct: cancellationToken);
            return rows.SelectMany(r =>
            {
                var remuneration = ContractStore.Deserialize(r.Terms).Remuneration;
                return new[] { remuneration?.Fee, remuneration?.InKindValue }.OfType<Money>().Where(m => m.Amount is not null)
                    .Select(m => new ContractCost(r.CreatorId, m));
            }).ToList();
        }
    }
}

public sealed record ContractCost(string CreatorId, Money Amount);
