using InfluenceCrm.Platform.Data;

namespace InfluenceCrm.Performance;

/// <summary>
/// The batch statements of the click writer. A batch travels as one JSON parameter (json_each / OPENJSON), so each is a
/// single statement whatever the batch size, declared once and checked like every other.
/// </summary>
internal static class ClickSql
{
    public static readonly Sql InsertClicks = Sql.Per(
        sqlite: """
            INSERT INTO perf_clicks (id, link_id, workspace_id, clicked_at, ip_hash, user_agent, referrer, is_bot)
            SELECT json_extract(value, '$.id'), json_extract(value, '$.linkId'), json_extract(value, '$.workspaceId'), json_extract(value, '$.clickedAt'),
                json_extract(value, '$.ipHash'), json_extract(value, '$.userAgent'), json_extract(value, '$.referrer'), json_extract(value, '$.isBot')
            FROM json_each(@Rows) WHERE true
            ON CONFLICT (id) DO NOTHING
            """,
        sqlServer: """
            INSERT INTO perf_clicks (id, link_id, workspace_id, clicked_at, ip_hash, user_agent, referrer, is_bot)
            SELECT r.id, r.linkId, r.workspaceId, r.clickedAt, r.ipHash, r.userAgent, r.referrer, r.isBot
            FROM OPENJSON(@Rows) WITH (id NVARCHAR(40) '$.id', linkId NVARCHAR(40) '$.linkId', workspaceId NVARCHAR(40) '$.workspaceId',
                clickedAt DATETIME2(7) '$.clickedAt', ipHash NCHAR(64) '$.ipHash', userAgent NVARCHAR(512) '$.userAgent', referrer NVARCHAR(1024) '$.referrer',
                isBot BIT '$.isBot') AS r
            WHERE NOT EXISTS (SELECT 1 FROM perf_clicks c WHERE c.id = r.id)
            """);

    /// <summary>SQLite only: one row, run as one prepared command over a whole batch (cheaper in-process than parsing JSON).</summary>
    public static readonly Sql InsertClick = Sql.Both("""
        INSERT INTO perf_clicks (id, link_id, workspace_id, clicked_at, ip_hash, user_agent, referrer, is_bot)
        VALUES (@Id, @LinkId, @WorkspaceId, @ClickedAt, @IpHash, @UserAgent, @Referrer, @IsBot)
        """);

    public static readonly Sql UpsertDaily = Sql.Per(
        sqlite: """
            INSERT INTO perf_link_daily (link_id, day, workspace_id, clicks, human_clicks, unique_visitors)
            SELECT json_extract(value, '$.linkId'), json_extract(value, '$.day'), json_extract(value, '$.workspaceId'), json_extract(value, '$.clicks'),
                json_extract(value, '$.humanClicks'), 0
            FROM json_each(@Rows) WHERE true
            ON CONFLICT (link_id, day) DO UPDATE SET clicks = clicks + excluded.clicks, human_clicks = human_clicks + excluded.human_clicks
            """,
        sqlServer: """
            MERGE perf_link_daily WITH (HOLDLOCK) AS t
            USING (SELECT linkId, day, workspaceId, clicks, humanClicks FROM OPENJSON(@Rows) WITH (linkId NVARCHAR(40) '$.linkId', day DATE '$.day',
                workspaceId NVARCHAR(40) '$.workspaceId', clicks BIGINT '$.clicks', humanClicks BIGINT '$.humanClicks')) AS s
            ON t.link_id = s.linkId AND t.day = s.day
            WHEN MATCHED THEN UPDATE SET clicks = t.clicks + s.clicks, human_clicks = t.human_clicks + s.humanClicks
            WHEN NOT MATCHED THEN INSERT (link_id, day, workspace_id, clicks, human_clicks, unique_visitors) VALUES (s.linkId, s.day, s.workspaceId, s.clicks, s.humanClicks, 0);
            """);

    public static readonly Sql InsertVisitors = Sql.Per(
        sqlite: """
            INSERT INTO perf_link_day_visitors (link_id, day, ip_hash)
            SELECT json_extract(value, '$.linkId'), json_extract(value, '$.day'), json_extract(value, '$.ipHash') FROM json_each(@Rows) WHERE true
            ON CONFLICT (link_id, day, ip_hash) DO NOTHING
            """,
        sqlServer: """
            INSERT INTO perf_link_day_visitors (link_id, day, ip_hash)
            SELECT r.linkId, r.day, r.ipHash FROM OPENJSON(@Rows) WITH (linkId NVARCHAR(40) '$.linkId', day DATE '$.day', ipHash NCHAR(64) '$.ipHash') AS r
            WHERE NOT EXISTS (SELECT 1 FROM perf_link_day_visitors v WHERE v.link_id = r.linkId AND v.day = r.day AND v.ip_hash = r.ipHash)
            """);

    /// <summary>Unique visitors of the link-days a batch touched: counted from the visitors table, so it stays exact.</summary>
    public static readonly Sql RecountVisitors = Sql.Per(
        sqlite: """
            UPDATE perf_link_daily
            SET unique_visitors = (SELECT COUNT(*) FROM perf_link_day_visitors v WHERE v.link_id = perf_link_daily.link_id AND v.day = perf_link_daily.day)
            WHERE link_id IN (SELECT json_extract(value, '$.linkId') FROM json_each(@Rows))
              AND day IN (SELECT json_extract(value, '$.day') FROM json_each(@Rows))
            """,
        sqlServer: """
            UPDATE d
            SET unique_visitors = (SELECT COUNT(*) FROM perf_link_day_visitors v WHERE v.link_id = d.link_id AND v.day = d.day)
            FROM perf_link_daily AS d
            JOIN OPENJSON(@Rows) WITH (linkId NVARCHAR(40) '$.linkId', day DATE '$.day') AS r ON r.linkId = d.link_id AND r.day = d.day
            """);
}
