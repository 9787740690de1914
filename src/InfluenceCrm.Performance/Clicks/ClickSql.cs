using InfluenceCrm.Platform.Data;

namespace InfluenceCrm.Performance.Clicks;

/// <summary>
/// The statements of the click writer. On SQLite (in-process) a batch is written row by row through statements prepared
/// once per batch, which is cheapest; on SQL Server (a round trip per statement) a batch travels as one JSON parameter
/// read with OPENJSON, so each statement runs once whatever the batch size.
/// Unique visitors are counted as they are added (a visitor row new to its link and day adds one), never recounted: a
/// recount would read every visitor of a busy link on each batch.
/// </summary>
internal static class ClickSql
{
    public static readonly Sql InsertClick = Sql.SqliteOnly("""
        INSERT INTO perf_clicks (id, link_id, clicked_at, ip_hash, user_agent_id, referrer, is_bot)
        VALUES (@Id, @LinkId, @ClickedAt, @IpHash, @UserAgentId, @Referrer, @IsBot)
        ON CONFLICT (id) DO NOTHING
        """);

    /// <summary>
    /// <see cref="ClickRowsPerInsert"/> clicks in one statement: one step opens the table once and appends the rows with
    /// its cursor at the end, where a statement per click opened it, sought the end and closed it again for each.
    /// Parameters are numbered in order, seven a click (SQLite numbers named parameters by first appearance).
    /// </summary>
    public static readonly Sql InsertClickRows = Sql.SqliteOnly($"""
        INSERT INTO perf_clicks (id, link_id, clicked_at, ip_hash, user_agent_id, referrer, is_bot)
        VALUES {string.Join(", ", Enumerable.Range(0, ClickRowsPerInsert).Select(ClickRow))}
        ON CONFLICT (id) DO NOTHING
        """);

    private static string ClickRow(int r) => $"(@Id{r}, @LinkId{r}, @ClickedAt{r}, @IpHash{r}, @UserAgentId{r}, @Referrer{r}, @IsBot{r})";

    public const int ClickRowsPerInsert = 16;

    /// <summary>The values a click binds, in InsertClick and in each row of InsertClickRows.</summary>
    public const int ClickParameters = 7;

    /// <summary>A user agent's id, adding it when new (the writer remembers ids it has committed).</summary>
    public static readonly Sql AddUserAgent = Sql.SqliteOnly("""
        INSERT INTO perf_user_agents (user_agent) VALUES (@UserAgent)
        ON CONFLICT (user_agent) DO UPDATE SET user_agent = excluded.user_agent
        RETURNING id
        """);

    public static readonly Sql InsertVisitor = Sql.SqliteOnly("""
        INSERT INTO perf_link_day_visitors (link_id, day, ip_hash) VALUES (@LinkId, @Day, @IpHash)
        ON CONFLICT (link_id, day, ip_hash) DO NOTHING
        """);

    /// <summary>Adds a batch's counts for one link and day: clicks, human clicks and the visitors new to that day.</summary>
    public static readonly Sql AddDaily = Sql.SqliteOnly("""
        INSERT INTO perf_link_daily (link_id, day, workspace_id, clicks, human_clicks, unique_visitors)
        VALUES (@LinkId, @Day, @WorkspaceId, @Clicks, @HumanClicks, @NewVisitors)
        ON CONFLICT (link_id, day) DO UPDATE SET clicks = clicks + excluded.clicks, human_clicks = human_clicks + excluded.human_clicks,
            unique_visitors = unique_visitors + excluded.unique_visitors
        """);

    /// <summary>Adds a batch's counts for one campaign and day (the sums of its links' AddDaily).</summary>
    public static readonly Sql AddCampaignDaily = Sql.SqliteOnly("""
        INSERT INTO perf_campaign_daily (campaign_id, day, workspace_id, clicks, human_clicks, unique_visitors)
        VALUES (@CampaignId, @Day, @WorkspaceId, @Clicks, @HumanClicks, @NewVisitors)
        ON CONFLICT (campaign_id, day) DO UPDATE SET clicks = clicks + excluded.clicks, human_clicks = human_clicks + excluded.human_clicks,
            unique_visitors = unique_visitors + excluded.unique_visitors
        """);

    /// <summary>The batch's user agents not yet known (run before InsertClicks, which names them by id).</summary>
    public static readonly Sql AddUserAgents = Sql.SqlServerOnly("""
        INSERT INTO perf_user_agents (user_agent)
        SELECT DISTINCT r.userAgent FROM OPENJSON(@Rows) WITH (userAgent NVARCHAR(512) COLLATE Latin1_General_100_BIN2 '$.userAgent') AS r
        WHERE r.userAgent IS NOT NULL AND NOT EXISTS (SELECT 1 FROM perf_user_agents u WITH (UPDLOCK, HOLDLOCK) WHERE u.user_agent = r.userAgent)
        """);

    public static readonly Sql InsertClicks = Sql.SqlServerOnly("""
        INSERT INTO perf_clicks (id, link_id, clicked_at, ip_hash, user_agent_id, referrer, is_bot)
        SELECT r.id, r.linkId, r.clickedAt, r.ipHash, u.id, r.referrer, r.isBot
        FROM OPENJSON(@Rows) WITH (id BIGINT '$.id', linkId NVARCHAR(40) '$.linkId',
            clickedAt DATETIME2(7) '$.clickedAt', ipHash NCHAR(64) '$.ipHash', userAgent NVARCHAR(512) COLLATE Latin1_General_100_BIN2 '$.userAgent', referrer
              NVARCHAR(1024) '$.referrer',
            isBot BIT '$.isBot') AS r
        LEFT JOIN perf_user_agents u ON u.user_agent = r.userAgent
        WHERE NOT EXISTS (SELECT 1 FROM perf_clicks c WHERE c.id = r.id)
        """);

    public static readonly Sql UpsertDaily = Sql.SqlServerOnly("""
        MERGE perf_link_daily WITH (HOLDLOCK) AS t
        USING (SELECT linkId, day, workspaceId, clicks, humanClicks FROM OPENJSON(@Rows) WITH (linkId NVARCHAR(40) '$.linkId', day DATE '$.day',
            workspaceId NVARCHAR(40) '$.workspaceId', clicks BIGINT '$.clicks', humanClicks BIGINT '$.humanClicks')) AS s
        ON t.link_id = s.linkId AND t.day = s.day
        WHEN MATCHED THEN UPDATE SET clicks = t.clicks + s.clicks, human_clicks = t.human_clicks + s.humanClicks
        WHEN NOT MATCHED THEN INSERT (link_id, day, workspace_id, clicks, human_clicks, unique_visitors) VALUES (s.linkId, s.day, s.workspaceId, s.clicks,
          s.humanClicks, 0);
        """);

    /// <summary>The campaign-day sums of UpsertDaily's rows (sorted by campaign and day, locked after the link rows).</summary>
    public static readonly Sql UpsertCampaignDaily = Sql.SqlServerOnly("""
        MERGE perf_campaign_daily WITH (HOLDLOCK) AS t
        USING (SELECT campaignId, day, workspaceId, clicks, humanClicks FROM OPENJSON(@Rows) WITH (campaignId NVARCHAR(40) '$.campaignId', day DATE '$.day',
            workspaceId NVARCHAR(40) '$.workspaceId', clicks BIGINT '$.clicks', humanClicks BIGINT '$.humanClicks')) AS s
        ON t.campaign_id = s.campaignId AND t.day = s.day
        WHEN MATCHED THEN UPDATE SET clicks = t.clicks + s.clicks, human_clicks = t.human_clicks + s.humanClicks
        WHEN NOT MATCHED THEN INSERT (campaign_id, day, workspace_id, clicks, human_clicks, unique_visitors) VALUES (s.campaignId, s.day, s.workspaceId,
          s.clicks, s.humanClicks, 0);
        """);

    /// <summary>
    /// The batch's distinct human visitors; those new to their link and day each add one to its unique count, and to its
    /// campaign's for that day.
    /// </summary>
    public static readonly Sql AddVisitors = Sql.SqlServerOnly("""
        DECLARE @added TABLE (link_id NVARCHAR(40) NOT NULL, day DATE NOT NULL, ip_hash NCHAR(64) NOT NULL);
        INSERT INTO perf_link_day_visitors (link_id, day, ip_hash)
        OUTPUT inserted.link_id, inserted.day, inserted.ip_hash INTO @added
        SELECT r.linkId, r.day, r.ipHash FROM OPENJSON(@Rows) WITH (linkId NVARCHAR(40) '$.linkId', day DATE '$.day', ipHash NCHAR(64) '$.ipHash') AS r
        WHERE NOT EXISTS (SELECT 1 FROM perf_link_day_visitors v WITH (UPDLOCK, HOLDLOCK) WHERE v.link_id = r.linkId AND v.day = r.day AND v.ip_hash =
          r.ipHash);
        UPDATE d SET unique_visitors = d.unique_visitors + a.unique_visitors
        FROM perf_link_daily AS d
        JOIN (SELECT link_id, day, COUNT(*) AS unique_visitors FROM @added GROUP BY link_id, day) AS a ON a.link_id = d.link_id AND a.day = d.day;
        UPDATE cd SET unique_visitors = cd.unique_visitors + a.unique_visitors
        FROM perf_campaign_daily AS cd
        JOIN (SELECT r.campaignId, a.day, COUNT(*) AS unique_visitors
            FROM @added AS a
            JOIN OPENJSON(@Rows) WITH (linkId NVARCHAR(40) '$.linkId', day DATE '$.day', ipHash NCHAR(64) '$.ipHash', campaignId NVARCHAR(40) '$.campaignId') AS
              r
                ON r.linkId = a.link_id AND r.day = a.day AND r.ipHash = a.ip_hash
            GROUP BY r.campaignId, a.day) AS a ON a.campaignId = cd.campaign_id AND a.day = cd.day;
        """);
}
