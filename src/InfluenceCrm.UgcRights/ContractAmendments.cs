using InfluenceCrm.Contracts.PublicQueries;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using MediatR;

namespace InfluenceCrm.UgcRights;

/// <summary>
/// An amendment of a signed contract's usage rights reaches the grants made from them (Code civil, art. 1193; CPI L131-3):
/// from the amendment's effective date the contract's live grants are superseded — they still cover the days before — and
/// grants of the amended rights take over, starting no earlier than that date. A channel the amendment removes is then no
/// longer covered, and the rights check names the amendment; the rows kept for assets registered later follow the same way.
/// </summary>
internal sealed class ContractAmendments(IMediator mediator, UgcStore store, AuditLog audit) : INotificationHandler<ContractAmended>
{
    public static readonly Sql LiveGrants = Sql.Both("""
        SELECT g.id AS Id, g.asset_id AS AssetId FROM ugc_grants g JOIN ugc_contract_grants m ON m.grant_id = g.id
        WHERE m.workspace_id = @WorkspaceId AND m.contract_id = @ContractId AND g.workspace_id = @WorkspaceId AND g.status = 'active'
        ORDER BY g.created_at, g.id
        """);

    public static readonly Sql SupersedeRights = Sql.Both("""
        UPDATE ugc_contract_rights SET superseded_from = @EffectiveOn, superseded_reason = @Reason
        WHERE workspace_id = @WorkspaceId AND contract_id = @ContractId AND superseded_from IS NULL
        """);

    public static readonly Sql MarkSuperseded = Sql.Both("""
        UPDATE ugc_grants SET status = 'superseded', superseded_by_id = @SupersededById, superseded_from = @SupersededFrom, superseded_reason = @Reason,
            version = version + 1
        WHERE id = @Id AND workspace_id = @WorkspaceId AND status = 'active'
        """);

    private sealed class LiveGrant
    {
        public string Id { get; init; } = "";
        public string AssetId { get; init; } = "";
    }

    public async Task Handle(ContractAmended amended, CancellationToken cancellationToken)
    {
        var (c, tx) = (amended.Connection, amended.Transaction);
        var reason = $"amendment v{amended.TermsVersion} of contract {amended.ContractId} (\"{amended.Reason}\"), effective {amended.EffectiveOn:yyyy-MM-dd}";
        var live = (await c.QueryAsync<LiveGrant>(LiveGrants, new { amended.WorkspaceId, amended.ContractId }, tx, cancellationToken)).ToList();
        await c.ExecuteAsync(SupersedeRights, new { amended.WorkspaceId, amended.ContractId, amended.EffectiveOn, Reason = reason }, tx, cancellationToken);

        var deliverables =
            await ContractRights.DeliverablesAsync(mediator, amended.CampaignId, amended.CreatorId, amended.MissionDeliverableIds, cancellationToken);
        var evidence = new Evidence("contract", amended.DocumentUri, amended.AmendedAt, null, amended.DocumentSha256, null);
        var grants = ContractRights.GrantsOf(amended.UsageRights, amended.CreatorLegalName, amended.BrandLegalName, amended.EffectiveOn);
        var made = await ContractRights.GrantAsync(c, tx, store, amended.WorkspaceId, amended.ContractId, amended.TermsVersion, deliverables, grants, evidence,
            cancellationToken);

        foreach (var old in live)
        {
            var successor = made[old.AssetId].FirstOrDefault();
            await c.ExecuteAsync(MarkSuperseded, new
            {
                old.Id,
                amended.WorkspaceId,
                SupersededById = successor,
                SupersededFrom = amended.EffectiveOn,
                Reason = reason,
            }, tx, cancellationToken);
            await audit.RecordAsync(c, tx, "ugc.grant_superseded", "grant", old.Id, new
            {
                supersededBy = successor,
                effectiveOn = amended.EffectiveOn,
                contractId = amended.ContractId,
                termsVersion = amended.TermsVersion,
            }, cancellationToken);
        }
    }
}
