using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.Campaigns.PublicQueries;

/// <summary>What performance reporting needs of a campaign: objectives, budget, deliverables and the roster's agreed fees.</summary>
public static class GetCampaignPlan
{
    public sealed record Request(string CampaignId) : IRequest<CampaignPlan>;

    public static readonly Sql Deliverables = Sql.Both("""
        SELECT id AS Id, creator_id AS CreatorId, platform AS Platform, format AS Format, market AS Market, status AS Status, post_url AS PostUrl,
            published_at AS PublishedAt
        FROM campaign_deliverables WHERE workspace_id = @WorkspaceId AND campaign_id = @CampaignId ORDER BY id
        """);

    private sealed class DeliverableRow
    {
        public string Id { get; init; } = "";
        public string CreatorId { get; init; } = "";
        public string Platform { get; init; } = "";
        public string Format { get; init; } = "";
        public string Market { get; init; } = "";
        public string Status { get; init; } = "";
        public string? PostUrl { get; init; }
        public DateTimeOffset? PublishedAt { get; init; }
    }

    internal sealed class Handler(Db db, Caller caller, CampaignStore store) : IRequestHandler<Request, CampaignPlan>
    {
        public async Task<CampaignPlan> Handle(Request request, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            var campaign = await store.LoadCampaignAsync(c, caller.WorkspaceId, request.CampaignId, ct: cancellationToken);
            var deliverables = await c.QueryAsync<DeliverableRow>(Deliverables, new { caller.WorkspaceId, CampaignId = campaign.Id }, ct: cancellationToken);
            var roster = await c.QueryAsync<CampaignStore.MemberRow>(CampaignStore.LoadRoster, new { caller.WorkspaceId, CampaignId = campaign.Id },
                ct: cancellationToken);
            return new CampaignPlan(campaign.Id, campaign.Name, campaign.Status, campaign.Budget, campaign.AttributionWindowDays,
                campaign.Objectives.Select(o => new PlannedObjective(o.Type!, o.Kpi!, o.Target!.Value)).ToList(),
                deliverables.Select(d =>
                    new PlannedDeliverable(d.Id, d.CreatorId, d.Platform, d.Format, d.Market.Trim(),
                    d.Status)
                    { PostUrl = d.PostUrl, PublishedAt = d.PublishedAt }).ToList(),
                roster.Where(m => m.Status == "confirmed").Select(m => new AgreedFee(m.CreatorId, m.Fee)).ToList())
            {
                StartsOn = campaign.StartsOn,
                EndsOn = campaign.EndsOn,
            };
        }
    }
}

public sealed record CampaignPlan(string Id, string Name, string Status, Money? Budget, int? AttributionWindowDays, IReadOnlyList<PlannedObjective> Objectives,
    IReadOnlyList<PlannedDeliverable> Deliverables, IReadOnlyList<AgreedFee> AgreedFees)
{
    public DateOnly? StartsOn { get; init; }
    public DateOnly? EndsOn { get; init; }
}

public sealed record PlannedObjective(string Type, string Kpi, decimal Target);

public sealed record PlannedDeliverable(string Id, string CreatorId, string Platform, string Format, string Market, string Status)
{
    /// <summary>Where it was published (its permalink), once it is.</summary>
    public string? PostUrl { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
}

public sealed record AgreedFee(string CreatorId, Money? Fee);
