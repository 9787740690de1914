using InfluenceCrm.Platform.Data;

namespace InfluenceCrm.Performance.Reports;

/// <summary>
/// What a campaign report reads from this module's tables for one period, in one connection: the click rollups (by link,
/// and by day when the report is by day), the links, each deliverable's latest engagement snapshot, the attributed
/// conversions and the GA4 site metrics.
/// </summary>
internal static class ReportQuery
{
    public static readonly Sql ClicksByLink = Sql.Both("""
        SELECT l.id AS GroupKey, SUM(d.clicks) AS Clicks, SUM(d.human_clicks) AS HumanClicks, SUM(d.unique_visitors) AS UniqueVisitors
        FROM perf_links l JOIN perf_link_daily d ON d.link_id = l.id
        WHERE l.workspace_id = @WorkspaceId AND l.campaign_id = @CampaignId AND d.day >= @From AND d.day <= @To
        GROUP BY l.id
        """);

    /// <summary>The campaign's day rollups (the click writer keeps them with the link rollups): a row per day, not per link and day.</summary>
    public static readonly Sql ClicksByDay = Sql.Both("""
        SELECT day AS GroupKey, clicks AS Clicks, human_clicks AS HumanClicks, unique_visitors AS UniqueVisitors
        FROM perf_campaign_daily
        WHERE workspace_id = @WorkspaceId AND campaign_id = @CampaignId AND day >= @From AND day <= @To
        """);

    public static readonly Sql Links = Sql.Both(
        "SELECT id AS Id, deliverable_id AS DeliverableId, creator_id AS CreatorId, platform AS Platform FROM perf_links WHERE workspace_id = @WorkspaceId " +
            "AND campaign_id = @CampaignId");

    public static readonly Sql LatestSnapshots = Sql.Both("""
        SELECT s.deliverable_id AS DeliverableId, s.views AS Views, s.reach AS Reach, s.impressions AS Impressions, s.likes AS Likes, s.comments AS Comments,
            s.shares AS Shares, s.saves AS Saves
        FROM perf_engagement_snapshots s
        WHERE s.workspace_id = @WorkspaceId AND s.campaign_id = @CampaignId AND s.captured_at < @SnapshotsEnd
          AND s.captured_at = (SELECT MAX(x.captured_at) FROM perf_engagement_snapshots x WHERE x.deliverable_id = s.deliverable_id AND x.captured_at <
            @SnapshotsEnd)
        """);

    public static readonly Sql SiteMetrics = Sql.Both("""
        SELECT deliverable_id AS DeliverableId, currency AS Currency, SUM(sessions) AS Sessions, SUM(key_events) AS KeyEvents, SUM(revenue) AS Revenue
        FROM perf_site_metrics
        WHERE workspace_id = @WorkspaceId AND campaign_id = @CampaignId AND period_start >= @From AND period_end <= @To
        GROUP BY deliverable_id, currency
        """);

    public static readonly Sql Conversions = Sql.Both("""
        SELECT deliverable_id AS DeliverableId, creator_id AS CreatorId, link_id AS LinkId, amount AS Amount, currency AS Currency, occurred_at AS OccurredAt
        FROM perf_conversions
        WHERE workspace_id = @WorkspaceId AND campaign_id = @CampaignId AND occurred_at >= @FromTime AND occurred_at < @ToEnd
        """);

    internal sealed class ClickRow
    {
        public object GroupKey { get; init; } = "";
        public long Clicks { get; init; }
        public long HumanClicks { get; init; }
        public long UniqueVisitors { get; init; }
    }

    internal sealed class LinkRow
    {
        public string Id { get; init; } = "";
        public string? DeliverableId { get; init; }
        public string CreatorId { get; init; } = "";
        public string Platform { get; init; } = "";
    }

    internal sealed class SiteRow
    {
        public string DeliverableId { get; init; } = "";
        public string Currency { get; init; } = "";
        public long Sessions { get; init; }
        public long? KeyEvents { get; init; }
        public long? Revenue { get; init; }
    }

    internal sealed class ConversionRow
    {
        public string? DeliverableId { get; init; }
        public string? CreatorId { get; init; }
        public string? LinkId { get; init; }
        public long Amount { get; init; }
        public string Currency { get; init; } = "";
        public DateTimeOffset OccurredAt { get; init; }
    }

    internal sealed record Figures(List<ClickRow> ClicksByLink, List<ClickRow> ClicksByDay, List<LinkRow> Links, List<PerfStore.SnapshotRow> Snapshots,
        List<ConversionRow> Conversions, List<SiteRow> Site);

    /// <param name="parameters">WorkspaceId, CampaignId, From, To, FromTime, ToEnd and SnapshotsEnd.</param>
    public static async Task<Figures> LoadAsync(Db db, object parameters, IReadOnlyList<string> groupings, CancellationToken cancellationToken)
    {
        var p = parameters;
        List<ClickRow> clicksByLink = [], clicksByDay = [];
        await using var c = await db.OpenAsync(cancellationToken);
        if (groupings.Any(g => g != "day"))
        {
            clicksByLink = (await c.QueryAsync<ClickRow>(ClicksByLink, p, ct: cancellationToken)).ToList();
        }

        if (groupings.Contains("day"))
        {
            clicksByDay = (await c.QueryAsync<ClickRow>(ClicksByDay, p, ct: cancellationToken)).ToList();
        }

        var links = (await c.QueryAsync<LinkRow>(Links, p, ct: cancellationToken)).ToList();
        var snapshots = (await c.QueryAsync<PerfStore.SnapshotRow>(LatestSnapshots, p, ct: cancellationToken)).ToList();
        var conversions = (await c.QueryAsync<ConversionRow>(Conversions, p, ct: cancellationToken)).ToList();
        var site = (await c.QueryAsync<SiteRow>(SiteMetrics, p, ct: cancellationToken)).ToList();
        return new Figures(clicksByLink, clicksByDay, links, snapshots, conversions, site);
    }
}
