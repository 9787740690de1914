using System.Globalization;
using Dapper;
using InfluenceCrm.Performance.Clicks;
using InfluenceCrm.Performance;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Performance.Clicks;

public sealed class SqliteClickTimeTests
{
    [Theory]
    [InlineData("2026-11-22T21:21:22.1234567+00:00")]
    [InlineData("2026-01-01T00:00:00+00:00")]
    [InlineData("2026-03-29T01:59:59.9999999+02:00")]
    [InlineData("1999-12-31T23:59:59.5-05:00")]
    public void The_writer_formats_click_times_as_every_other_sqlite_timestamp(string value)
    {
        var time = DateTimeOffset.Parse(value, CultureInfo.InvariantCulture);
        Span<byte> utf8 = stackalloc byte[40];
        Assert.True(time.UtcDateTime.TryFormat(utf8, out var length, "O", CultureInfo.InvariantCulture));
        Assert.Equal(Db.SqliteTimestamp(time), System.Text.Encoding.UTF8.GetString(utf8[..length]));
    }
}

/// <summary>
/// The click writer against a real migrated database, on each engine (SQL Server where the leg runs): rollups equal what
/// the clicks say, a retried batch adds only what it had not stored, and unique visitors count each address once per link
/// and day across batches.
/// </summary>
public abstract class ClickBatchWriterTests
{
    protected abstract Task<Db> MigratedAsync();

    [Fact]
    public async Task Rollups_equal_the_raw_clicks_across_batches_retries_bots_and_days()
    {
        var db = await MigratedAsync();
        var userAgents = new UserAgentIds();
        var random = new Random(7);
        var day1 = new DateTimeOffset(2026, 11, 20, 23, 59, 0, TimeSpan.Zero);
        string[] links = ["lk_a", "lk_b"];
        VisitorHash[] visitors = [new(1, 0, 0, 0), new(2, 0, 0, 0), new(0, 0, 0, 1), new(ulong.MaxValue, 2, 3, 4)];
        ClickEvent Click(int i) =>
            new(1_000 + i, links[random.Next(2)], "ws_1", "cp_1", day1.AddSeconds(random.Next(0, 120)).AddMilliseconds(random.Next(1000)),
            visitors[random.Next(4)],
            random.Next(5) == 0 ? "Slackbot-LinkExpanding 1.0" : "Mozilla/5.0 (iPhone) é", random.Next(2) == 0 ? null : "https://www.instagram.com/",
                random.Next(5) == 0);

        var first = Enumerable.Range(0, 300).Select(Click).ToList();
        var second = Enumerable.Range(300, 200).Select(Click).ToList();
        Assert.Equal(300, await ClickBatchWriter.WriteAsync(db, userAgents, first, CancellationToken.None));
        // A retried batch: 100 clicks of the first batch again, with the second batch's new ones.
        Assert.Equal(200, await ClickBatchWriter.WriteAsync(db, userAgents, [.. first.Take(100), .. second], CancellationToken.None));
        Assert.Equal(0, await ClickBatchWriter.WriteAsync(db, userAgents, first, CancellationToken.None));
        Assert.Equal(0, await ClickBatchWriter.WriteAsync(db, userAgents, [], CancellationToken.None));
        // A writer that has forgotten the ids (another instance, or after a restart) finds the same ones.
        var extra = Click(999_999) with { UserAgent = first[1].UserAgent };
        Assert.Equal(1, await ClickBatchWriter.WriteAsync(db, new UserAgentIds(), [extra], CancellationToken.None));

        await using var c = await db.OpenAsync();
        Assert.Equal(501L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM perf_clicks"));
        // User agents are stored once each, and every click names its own.
        Assert.Equal(2L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM perf_user_agents"));
        Assert.Equal(0L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM perf_clicks WHERE user_agent_id IS NULL"));
        var agents = (await c.QueryAsync<(long Id, string Agent)>(
            "SELECT c.id, u.user_agent FROM perf_clicks c JOIN perf_user_agents u ON u.id = c.user_agent_id")).ToDictionary(r => r.Id, r => r.Agent);
        Assert.All(first.Concat(second), click => Assert.Equal(click.UserAgent, agents[click.Id]));
        if (db.Provider == DatabaseProvider.SqlServer)
        {
            Assert.Equal(first[0].ClickedAt,
                await c.ExecuteScalarAsync<DateTimeOffset>("SELECT clicked_at FROM perf_clicks WHERE id = @id", new { id = first[0].Id }));
            Assert.Equal(first[0].Visitor.ToString(),
                await c.ExecuteScalarAsync<string>("SELECT ip_hash FROM perf_clicks WHERE id = @id", new { id = first[0].Id }));
        }
        else
        {
            // Unix milliseconds and the hash's 32 bytes.
            Assert.Equal(first[0].ClickedAt.ToUnixTimeMilliseconds(),
                await c.ExecuteScalarAsync<long>("SELECT clicked_at FROM perf_clicks WHERE id = @id", new { id = first[0].Id }));
            Assert.Equal(first[0].Visitor,
                VisitorHash.FromBytes(await c.ExecuteScalarAsync<byte[]>("SELECT ip_hash FROM perf_clicks WHERE id = @id", new { id = first[0].Id })));
        }

        // What the rollups must say, from the clicks stored (each once, whatever the retries).
        var all = first.Concat(second).Append(extra).ToList();
        var expected = all.GroupBy(k => (k.LinkId, Day: k.ClickedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
            .OrderBy(g => g.Key.LinkId, StringComparer.Ordinal).ThenBy(g => g.Key.Day, StringComparer.Ordinal)
            .Select(g => $"{g.Key.LinkId} {g.Key.Day} {g.Count()} {g.Count(k => !k.IsBot)} {g.Where(k => !k.IsBot).Select(k => k.Visitor).Distinct().Count()}")
            .ToList();
        var rollups = (await c.QueryAsync<(string Link, DateOnly Day, long Clicks, long Human, long Unique)>(
            "SELECT link_id, day, clicks, human_clicks, unique_visitors FROM perf_link_daily ORDER BY link_id, day"))
            .Select(r => $"{r.Link} {r.Day:yyyy-MM-dd} {r.Clicks} {r.Human} {r.Unique}").ToList();
        Assert.Equal(4, expected.Count); // two links over two days (the clicks straddle midnight)
        Assert.Equal(expected, rollups);

        // The campaign's day rollups are the sums of its links' (unique visitors per link and day, summed).
        var expectedCampaign = all.GroupBy(k => k.ClickedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"cp_1 {g.Key} {g.Count()} {g.Count(k => !k.IsBot)} {g.Where(k => !k.IsBot).Select(k => (k.LinkId, k.Visitor)).Distinct().Count()}")
            .ToList();
        var campaignRollups = (await c.QueryAsync<(string Campaign, DateOnly Day, long Clicks, long Human, long Unique)>(
            "SELECT campaign_id, day, clicks, human_clicks, unique_visitors FROM perf_campaign_daily ORDER BY campaign_id, day"))
            .Select(r => $"{r.Campaign} {r.Day:yyyy-MM-dd} {r.Clicks} {r.Human} {r.Unique}").ToList();
        Assert.Equal(2, expectedCampaign.Count);
        Assert.Equal(expectedCampaign, campaignRollups);
    }
}

public sealed class ClickBatchWriterOnSqlite : ClickBatchWriterTests, IDisposable
{
    private readonly SqliteFiles files = new();

    public void Dispose() => files.Dispose();

    protected override Task<Db> MigratedAsync() => files.MigratedAsync("clicks");
}

public sealed class ClickBatchWriterOnSqlServer : ClickBatchWriterTests, IAsyncDisposable
{
    private readonly SqlServerDatabases databases = new();

    public ValueTask DisposeAsync() => databases.DisposeAsync();

    protected override Task<Db> MigratedAsync() => databases.MigratedAsync();
}
