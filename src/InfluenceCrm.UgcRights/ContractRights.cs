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
/// them like any grant. The licensor is the creator as the contract names them; the licensee, the brand. Each grant made is
/// kept against its contract and terms version (ugc_contract_grants), so that an amendment can supersede it (ContractAmendments).
/// </summary>
internal sealed class ContractRights(IMediator mediator, UgcStore store) : INotificationHandler<ContractSigned>
{
    public static readonly Sql Insert = Sql.Both("""
        INSERT INTO ugc_contract_rights (id, workspace_id, contract_id, deliverable_id, terms, evidence, created_at, terms_version)
        VALUES (@Id, @WorkspaceId, @ContractId, @DeliverableId, @Terms, @Evidence, @Now, @TermsVersion)
        """);

    public static readonly Sql ForDeliverable = Sql.Both("""
        SELECT contract_id AS ContractId, terms_version AS TermsVersion, terms AS Terms, evidence AS Evidence, superseded_from AS SupersededFrom,
            superseded_reason AS SupersededReason
        FROM ugc_contract_rights WHERE workspace_id = @WorkspaceId AND deliverable_id = @DeliverableId ORDER BY created_at, id
        """);

    public static readonly Sql InsertContractGrant = Sql.Both("""
        INSERT INTO ugc_contract_grants (grant_id, workspace_id, contract_id, terms_version) VALUES (@GrantId, @WorkspaceId, @ContractId, @TermsVersion)
        """);

    public static readonly Sql AssetsOfDeliverables = Sql.Per(
        sqlite: "SELECT id AS Id, deliverable_id AS DeliverableId FROM ugc_assets WHERE workspace_id = @WorkspaceId AND deliverable_id IN (SELECT value FROM " +
            "json_each(@Ids))",
        sqlServer: """
            SELECT id AS Id, deliverable_id AS DeliverableId FROM ugc_assets
            WHERE workspace_id = @WorkspaceId AND deliverable_id IN (SELECT value FROM OPENJSON(@Ids) WITH (value NVARCHAR(40) '$'))
            """);

    private sealed class Stored
    {
        public string ContractId { get; init; } = "";
        public long TermsVersion { get; init; }
        public string Terms { get; init; } = "";
        public string Evidence { get; init; } = "";
        public DateOnly? SupersededFrom { get; init; }
        public string? SupersededReason { get; init; }
    }

    internal sealed class AssetRow
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

        var deliverables = await DeliverablesAsync(mediator, signed.CampaignId, signed.CreatorId, signed.MissionDeliverableIds, cancellationToken);
        var evidence = new Evidence("contract", signed.DocumentUri, signed.SignedAt, null, signed.DocumentSha256, null);
        var grants = GrantsOf(signed.UsageRights, signed.CreatorLegalName, signed.BrandLegalName, null);
        await GrantAsync(signed.Connection, signed.Transaction, store, signed.WorkspaceId, signed.ContractId, signed.TermsVersion, deliverables, grants,
            evidence, cancellationToken);
    }

    /// <summary>The creator's deliverables in the contract's campaign, and each mission's deliverable.</summary>
    public static async Task<IReadOnlySet<string>> DeliverablesAsync(IMediator mediator, string? campaignId, string creatorId, IReadOnlyList<string> missions,
        CancellationToken ct)
    {
        var deliverables = missions.ToHashSet(StringComparer.Ordinal);
        if (campaignId is not null)
        {
            var plan = await mediator.Send(new GetCampaignPlan.Request(campaignId), ct);
            deliverables.UnionWith(plan.Deliverables.Where(d => d.CreatorId == creatorId).Select(d => d.Id));
        }

        return deliverables;
    }

    /// <param name="from">When given, no grant starts before it (an amendment's effective date).</param>
    public static IReadOnlyList<GrantTerms> GrantsOf(IReadOnlyList<SignedUsageRights> rights, string? creatorName, string? brandName, DateOnly? from) =>
        rights.Select(u => new GrantTerms
        {
            Licensor = new Licensor(creatorName, null, true), // the creator's identity is the contract's
            Licensees = brandName is { } brand ? [brand] : [],
            Rights = u.Rights is { Count: > 0 } granted ? granted : ["reproduction", "public_display"],
            Channels = u.Channels,
            Territories = u.Territories,
            EndsOn = u.EndsOn,
            StartsOn = from is { } f && (u.StartsOn is null || u.StartsOn < f) ? f : u.StartsOn,
            ModificationAllowed = u.ModificationAllowed,
            AttributionRequired = u.AttributionRequired,
            Purpose = u.Purpose,
        }).ToList();

    /// <summary>Keeps the rights per deliverable for assets registered later, and grants them to the assets already registered.</summary>
    /// <returns>The grants made, per asset, in the order of <paramref name="grants"/>.</returns>
    public static async Task<ILookup<string, string>> GrantAsync(DbConnection c, DbTransaction tx, UgcStore store, string workspaceId, string contractId,
        int termsVersion, IReadOnlySet<string> deliverables, IReadOnlyList<GrantTerms> grants, Evidence evidence, CancellationToken ct)
    {
        foreach (var deliverable in deliverables.Order(StringComparer.Ordinal))
        {
            foreach (var terms in grants)
            {
                await c.ExecuteAsync(Insert, new
                {
                    Id = Ids.New("ucr"),
                    WorkspaceId = workspaceId,
                    ContractId = contractId,
                    DeliverableId = deliverable,
                    TermsVersion = termsVersion,
                    Terms = JsonSerializer.Serialize(terms, JsonSerializerOptions.Web),
                    Evidence = JsonSerializer.Serialize(evidence, JsonSerializerOptions.Web),
                    store.Now,
                }, tx, ct);
            }
        }

        var made = new List<(string AssetId, string GrantId)>();
        var ids = JsonSerializer.Serialize(deliverables);
        var assets = await c.QueryAsync<AssetRow>(AssetsOfDeliverables, new { WorkspaceId = workspaceId, Ids = ids }, tx, ct);
        foreach (var asset in assets)
        {
            foreach (var terms in grants)
            {
                var id = await store.InsertGrantAsync(c, tx, workspaceId, asset.Id, null, terms, evidence, null, ct);
                await c.ExecuteAsync(InsertContractGrant, new { GrantId = id, WorkspaceId = workspaceId, ContractId = contractId, TermsVersion = termsVersion },
                    tx, ct);
                made.Add((asset.Id, id));
            }
        }

        return made.ToLookup(m => m.AssetId, m => m.GrantId);
    }

    /// <summary>
    /// An asset registered for a deliverable gets the grants of the contracts already signed for it; those an amendment
    /// superseded are superseded for it too, from the same day, by the first grant of the next version.
    /// </summary>
    public static async Task GrantNewAssetAsync(DbConnection c, DbTransaction tx, UgcStore store, string workspaceId, string assetId, string deliverableId,
        CancellationToken ct)
    {
        var made = new List<(Stored Row, string GrantId)>();
        foreach (var stored in await c.QueryAsync<Stored>(ForDeliverable, new { WorkspaceId = workspaceId, DeliverableId = deliverableId }, tx, ct))
        {
            var terms = JsonSerializer.Deserialize<GrantTerms>(stored.Terms, JsonSerializerOptions.Web)!;
            var id = await store.InsertGrantAsync(c, tx, workspaceId, assetId, null, terms,
                JsonSerializer.Deserialize<Evidence>(stored.Evidence, JsonSerializerOptions.Web)!,
                null, ct);
            await c.ExecuteAsync(InsertContractGrant, new { GrantId = id, WorkspaceId = workspaceId, stored.ContractId, stored.TermsVersion }, tx, ct);
            made.Add((stored, id));
        }

        foreach (var (row, id) in made.Where(m => m.Row.SupersededFrom is not null))
        {
            var successor = made.Where(m => m.Row.ContractId == row.ContractId && m.Row.TermsVersion > row.TermsVersion).OrderBy(m => m.Row.TermsVersion)
                .Select(m => m.GrantId).FirstOrDefault();
            await c.ExecuteAsync(ContractAmendments.MarkSuperseded, new
            {
                Id = id,
                WorkspaceId = workspaceId,
                SupersededById = successor,
                row.SupersededFrom,
                Reason = row.SupersededReason,
            }, tx, ct);
        }
    }
}
