using System.Globalization;
using System.Text.Json;
using InfluenceCrm.Platform.Data;

namespace InfluenceCrm.Performance.Clicks;

/// <summary>The SQL Server half of the click writer.</summary>
internal static partial class ClickBatchWriter
{
    /// <summary>
    /// SQL Server: each statement once per batch with the batch as JSON; if some clicks were already stored (a retried batch),
    /// click by click.
    /// </summary>
    private static async Task<int> WriteSqlServerAsync(Db db, IReadOnlyList<ClickEvent> batch, CancellationToken ct)
    {
        try
        {
            await WriteSqlServerOnceAsync(db, batch, ct);
            return batch.Count;
        }
        catch (AlreadyStoredException) when (batch.Count > 1)
        {
            var added = 0;
            foreach (var click in batch)
            {
                try
                {
                    await WriteSqlServerOnceAsync(db, [click], ct);
                    added++;
                }
                catch (AlreadyStoredException)
                {
                    // Stored by the earlier attempt, rollups included.
                }
            }

            return added;
        }
    }

    /// <summary>SQL Server stores a visitor hash as hex text.</summary>
    private static Task WriteSqlServerOnceAsync(Db db, IReadOnlyList<ClickEvent> batch, CancellationToken ct)
    {
        static string Day(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var clicks = JsonSerializer.Serialize(batch.Select(c => new
        {
            id = c.Id,
            linkId = c.LinkId,
            clickedAt = c.ClickedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
            ipHash = c.Visitor.ToString(),
            userAgent = c.UserAgent,
            referrer = c.Referrer,
            isBot = c.IsBot ? 1 : 0,
        }));
        // Sorted by key: replicas writing batches at once lock rollup and visitor rows in the same order, so they wait for
        // each other instead of deadlocking.
        var daily = JsonSerializer.Serialize(batch.GroupBy(c => (c.LinkId, c.WorkspaceId, Day: Day(c.ClickedAt)))
            .OrderBy(g => g.Key.LinkId, StringComparer.Ordinal).ThenBy(g => g.Key.Day, StringComparer.Ordinal).Select(g => new
            {
                linkId = g.Key.LinkId,
                workspaceId = g.Key.WorkspaceId,
                day = g.Key.Day,
                clicks = g.Count(),
                humanClicks = g.Count(c => !c.IsBot),
            }));
        var campaignDaily = JsonSerializer.Serialize(batch.GroupBy(c => (c.CampaignId, c.WorkspaceId, Day: Day(c.ClickedAt)))
            .OrderBy(g => g.Key.CampaignId, StringComparer.Ordinal).ThenBy(g => g.Key.Day, StringComparer.Ordinal).Select(g => new
            {
                campaignId = g.Key.CampaignId,
                workspaceId = g.Key.WorkspaceId,
                day = g.Key.Day,
                clicks = g.Count(),
                humanClicks = g.Count(c => !c.IsBot),
            }));
        var visitors = JsonSerializer.Serialize(batch.Where(c => !c.IsBot)
            .Select(c => new { linkId = c.LinkId, day = Day(c.ClickedAt), ipHash = c.Visitor.ToString(), campaignId = c.CampaignId }).Distinct()
            .OrderBy(v => v.linkId, StringComparer.Ordinal).ThenBy(v => v.day, StringComparer.Ordinal).ThenBy(v => v.ipHash, StringComparer.Ordinal));
        return db.InTransactionAsync(async (c, tx) =>
        {
            await c.ExecuteAsync(ClickSql.AddUserAgents, new { Rows = clicks }, tx, ct);
            if (await c.ExecuteAsync(ClickSql.InsertClicks, new { Rows = clicks }, tx, ct) != batch.Count)
            {
                throw new AlreadyStoredException();
            }

            await c.ExecuteAsync(ClickSql.UpsertDaily, new { Rows = daily }, tx, ct);
            await c.ExecuteAsync(ClickSql.UpsertCampaignDaily, new { Rows = campaignDaily }, tx, ct);
            await c.ExecuteAsync(ClickSql.AddVisitors, new { Rows = visitors }, tx, ct);
        }, ct);
    }
}
