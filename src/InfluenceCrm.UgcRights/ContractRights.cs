using System.Data.Common;
using System.Text.Json;
using InfluenceCrm.Campaigns.PublicQueries;
using InfluenceCrm.Contracts.PublicQueries;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using MediatR;

namespace InfluenceCrm.UgcRights;

/// <summary>
/// A signed contract's usage rights become grants: for each deliverable of the creator in the contract's campaign (and
/// each mission's deliverable), the rights are kept (ugc_contract_rights), and every asset of that deliverable — already
/// registered, or registered later — gets a grant with the signed document as evidence. The rights check then finds
/// them like any grant. The licensor is the creator as the contract names them; the licensee, the brand.
/// </summary>
internal sealed class ContractRights(IMediator mediator, UgcStore store) : INotificationHandler<ContractSigned>
{
    public static readonly Sql Insert = Sql.Both("""
        INSERT INTO ugc_contract_rights (id, workspace_id, contract_id, deliverable_id, terms, evidence, created_at)
        VALUES (@Id, @WorkspaceId, @ContractId, @DeliverableId, @Terms, @Evidence, @Now)
        """);

    public static readonly Sql ForDeliverable = Sql.Both("""
        SELECT terms AS Terms, evidence AS Evidence FROM ugc_contract_rights WHERE workspace_id = @WorkspaceId AND deliverable_id = @DeliverableId ORDER BY created_at, id
        """);

    public static readonly Sql AssetsOfDeliverables = Sql.Per(
        sqlite: "SELECT id AS Id, deliverable_id AS DeliverableId FROM ugc_assets WHERE workspace_id = @WorkspaceId AND deliverable_id IN (SELECT value FROM json_each(@Ids))",
        sqlServer: """
            SELECT id AS Id, deliverable_id AS DeliverableId FROM ugc_assets
            WHERE workspace_id = @WorkspaceId AND deliverable_id IN (SELECT value FROM OPENJSON(@Ids) WITH (value NVARCHAR(40) '$'))
            """);

    private sealed class Stored
    {
        public string Terms { get; init; } = "";
        public string Evidence { get; init; } = "";
    }

    private sealed class AssetRow
    {
        public string Id { get; init; } = "";
        public string DeliverableId { get; init; } = "";
    }

    public async Task Handle(ContractSigned signed, CancellationToken cancellationToken)
    {
        if (signed.UsageRights.Count == 0)
        {
            return;
        }

        var deliverables = signed.MissionDeliverableIds.ToHashSet(StringComparer.Ordinal);
        if (signed.CampaignId is { } campaignId)
        {
            var plan = await mediator.Send(new GetCampaignPlan.Request(campaignId), cancellationToken);
            deliverables.UnionWith(plan.Deliverables.Where(d => d.CreatorId == signed.CreatorId).Select(d => d.Id));
        }

        var evidence = new Evidence("contract", signed.DocumentUri, signed.SignedAt, null, signed.DocumentSha256, null);
        var grants = signed.UsageRights.Select(u => new GrantTerms
        {
            Licensor = new Licensor(signed.CreatorLegalName, null, true), // the creator's identity is the contract's
            Licensees = signed.BrandLegalName is { } brand ? [brand] : [],
            Rights = u.Rights is { Count: > 0 } rights ? rights : ["reproduction", "public_display"],
            Channels = u.Channels, Territories = u.Territories, StartsOn = u.StartsOn, EndsOn = u.EndsOn,
            ModificationAllowed = u.ModificationAllowed, AttributionRequired = u.AttributionRequired, Purpose = u.Purpose,
        }).ToList();
        var (c, tx) = (signed.Connection, signed.Transaction);
        foreach (var deliverable in deliverables.Order(StringComparer.Ordinal))
        {
            foreach (var terms in grants)
            {
                await c.ExecuteAsync(Insert, new
                {
                    Id = Ids.New("ucr"), signed.WorkspaceId, signed.ContractId, DeliverableId = deliverable, Terms = JsonSerializer.Serialize(terms, JsonSerializerOptions.Web),
                    Evidence = JsonSerializer.Serialize(evidence, JsonSerializerOptions.Web), store.Now,
                }, tx, cancellationToken);
            }
        }

        var assets = await c.QueryAsync<AssetRow>(AssetsOfDeliverables, new { signed.WorkspaceId, Ids = JsonSerializer.Serialize(deliverables) }, tx, cancellationToken);
        foreach (var asset in assets)
        {
            foreach (var terms in grants)
            {
                await store.InsertGrantAsync(c, tx, signed.WorkspaceId, asset.Id, null, terms, evidence, null, cancellationToken);
            }
        }
    }

    /// <summary>An asset registered for a deliverable gets the grants of the contracts already signed for it.</summary>
    public static async Task GrantNewAssetAsync(DbConnection c, DbTransaction tx, UgcStore store, string workspaceId, string assetId, string deliverableId, CancellationToken ct)
    {
        foreach (var stored in await c.QueryAsync<Stored>(ForDeliverable, new { WorkspaceId = workspaceId, DeliverableId = deliverableId }, tx, ct))
        {
            await store.InsertGrantAsync(c, tx, workspaceId, assetId, null, JsonSerializer.Deserialize<GrantTerms>(stored.Terms, JsonSerializerOptions.Web)!,
                JsonSerializer.Deserialize<Evidence>(stored.Evidence, JsonSerializerOptions.Web)!, null, ct);
        }
    }
}
