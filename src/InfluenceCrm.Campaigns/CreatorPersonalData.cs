using System.Text.Json.Nodes;
using InfluenceCrm.Creators.PublicQueries;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using MediatR;

namespace InfluenceCrm.Campaigns;

/// <summary>
/// The Campaigns module's part of a creator's personal-data export: their roster places (status, fee, notes), the
/// deliverables they owe (titles, drafts, captions, on-screen and spoken texts, post URLs), every review step of those
/// deliverables and their disclosure verdicts with the facts they read (story-frame texts).
/// </summary>
internal sealed class CreatorPersonalData(CampaignStore store) : INotificationHandler<CreatorDataRequested>
{
    public static readonly Sql CreatorsRoster = Sql.Both(
        $"SELECT {CampaignStore.MemberColumns} FROM campaign_roster WHERE workspace_id = @WorkspaceId AND creator_id = @CreatorId ORDER BY created_at, id");

    public static readonly Sql CreatorsDeliverables = Sql.Both($"""
        SELECT {CampaignStore.DeliverableColumns} FROM campaign_deliverables d
        WHERE d.workspace_id = @WorkspaceId AND d.creator_id = @CreatorId ORDER BY d.due_on, d.id
        """);

    public static readonly Sql CreatorsVerdicts = Sql.Both("""
        SELECT v.id AS Id, v.deliverable_id AS DeliverableId, v.market AS Market, v.verdict AS Verdict, v.rules_version AS RulesVersion, v.facts AS Facts,
            v.checked_at AS CheckedAt
        FROM campaign_disclosure_verdicts v JOIN campaign_deliverables d ON d.id = v.deliverable_id
        WHERE v.workspace_id = @WorkspaceId AND d.workspace_id = @WorkspaceId AND d.creator_id = @CreatorId ORDER BY v.checked_at, v.id
        """);

    public sealed record RosterPlace(string Id, string CampaignId, string Status, Money? AgreedFee, string? Notes, DateTimeOffset CreatedAt);

    public sealed record DeliverableData(DeliverableView Deliverable, IReadOnlyList<ReviewView> Reviews);

    public sealed record Verdict(string Id, string DeliverableId, string Market, string Result, string RulesVersion, JsonNode? Facts, DateTimeOffset CheckedAt);

    public sealed record Section(IReadOnlyList<RosterPlace> Roster, IReadOnlyList<DeliverableData> Deliverables, IReadOnlyList<Verdict> DisclosureVerdicts);

    private sealed class VerdictRow
    {
        public string Id { get; init; } = "";
        public string DeliverableId { get; init; } = "";
        public string Market { get; init; } = "";
        public string Verdict { get; init; } = "";
        public string RulesVersion { get; init; } = "";
        public string Facts { get; init; } = "{}";
        public DateTimeOffset CheckedAt { get; init; }
    }

    public async Task Handle(CreatorDataRequested e, CancellationToken cancellationToken)
    {
        var (c, tx) = (e.Connection, e.Transaction);
        var ids = new { e.WorkspaceId, e.CreatorId };
        var roster = (await c.QueryAsync<CampaignStore.MemberRow>(CreatorsRoster, ids, tx, cancellationToken))
            .Select(m => new RosterPlace(m.Id, m.CampaignId, m.Status, m.Fee, m.Notes, m.CreatedAt)).ToList();
        var deliverables = new List<DeliverableData>();
        foreach (var row in await c.QueryAsync<CampaignStore.DeliverableRow>(CreatorsDeliverables, ids, tx, cancellationToken))
        {
            deliverables.Add(new DeliverableData(row.ToView(), await store.LoadReviewsAsync(c, e.WorkspaceId, row.Id, tx, cancellationToken)));
        }

        var verdicts = (await c.QueryAsync<VerdictRow>(CreatorsVerdicts, ids, tx, cancellationToken))
            .Select(v => new Verdict(v.Id, v.DeliverableId, v.Market.Trim(), v.Verdict, v.RulesVersion, JsonNode.Parse(v.Facts), v.CheckedAt)).ToList();
        e.Export.Add("campaigns", new Section(roster, deliverables, verdicts));
    }
}
