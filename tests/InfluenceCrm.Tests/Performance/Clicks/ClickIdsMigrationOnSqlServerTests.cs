using System.Security.Cryptography;
using Dapper;
using InfluenceCrm.Performance.Clicks;
using InfluenceCrm.Performance.Features.Conversions;
using InfluenceCrm.Performance;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace InfluenceCrm.Tests.Performance.Clicks;

/// <summary>
/// Migration 0027's data path on SQL Server, with rows (its SQLite twin is in ClickIdsTests): clicks stored under text
/// ids keep their times, hashes, agents and referrers under integer ids, and conversions still find them by the old id.
/// </summary>
public sealed class ClickIdsMigrationOnSqlServerTests : IAsyncDisposable
{
    private readonly SqlServerDatabases databases = new();

    public ValueTask DisposeAsync() => databases.DisposeAsync();

    [Fact]
    public async Task Clicks_stored_before_integer_ids_keep_their_ids_times_hashes_and_agents_and_conversions_still_find_them()
    {
        var db = new Db(DatabaseProvider.SqlServer, await databases.EmptyAsync());
        var known = Migrator.Load(DatabaseProvider.SqlServer);
        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync([.. known.Where(m => m.Version < 27)], CancellationToken.None);
        var hex = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await using (var c = await db.OpenAsync())
        {
            await c.ExecuteAsync("INSERT INTO dbo.platform_workspaces (id, slug, name, created_at) VALUES ('ws_1', 'one', 'One', '2026-01-01T00:00:00')");
            await c.ExecuteAsync("""
                INSERT INTO dbo.perf_links (id, workspace_id, code, campaign_id, deliverable_id, creator_id, platform, base_destination, destination,
                    status, expires_at, version, created_at, updated_at)
                VALUES ('lk_1', 'ws_1', 'abc', 'cmp_1', NULL, 'cr_1', 'instagram', 'https://shop.example/', 'https://shop.example/', 'active', NULL, 1,
                    '2026-01-01T00:00:00', '2026-01-01T00:00:00')
                """);
            await c.ExecuteAsync("INSERT INTO dbo.perf_user_agents (user_agent) VALUES (N'Agent B')");
            var agentB = await c.ExecuteScalarAsync<long>("SELECT id FROM dbo.perf_user_agents WHERE user_agent = N'Agent B'");
            // Three generations of rows: the agent as text (before 0010), by id, and none.
            await c.ExecuteAsync("""
                INSERT INTO dbo.perf_clicks (id, link_id, clicked_at, ip_hash, user_agent, user_agent_id, referrer, is_bot) VALUES
                ('ck_01JAAAAAAAAAAAAAAAAAAAAAAA', 'lk_1', '2026-11-20T10:11:12.3456789', @Hex, N'Agent A', NULL, N'https://www.instagram.com/', 0),
                ('ck_01JBBBBBBBBBBBBBBBBBBBBBBB', 'lk_1', '2026-11-21T23:59:59.9999999', @Hex, NULL, @AgentB, NULL, 1),
                ('ck_01JCCCCCCCCCCCCCCCCCCCCCCC', 'lk_1', '2026-11-22T00:00:00', @Hex, NULL, NULL, NULL, 0)
                """, new { Hex = hex, AgentB = agentB });
            await c.ExecuteAsync("INSERT INTO dbo.perf_link_day_visitors (link_id, day, ip_hash) VALUES ('lk_1', '2026-11-20', @Hex)", new { Hex = hex });
        }

        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync(known, CancellationToken.None);
        await using var migrated = await db.OpenAsync();
        var rows = (await migrated.QueryAsync<(long Id, DateTime ClickedAt, string IpHash, string? Agent, string? Referrer, bool IsBot)>("""
            SELECT c.id, c.clicked_at, c.ip_hash, u.user_agent, c.referrer, c.is_bot
            FROM dbo.perf_clicks c LEFT JOIN dbo.perf_user_agents u ON u.id = c.user_agent_id ORDER BY c.id
            """)).ToList();
        Assert.Equal([1L, 2L, 3L], rows.Select(r => r.Id)); // block 0: under every block an instance reserves
        Assert.Equal(
            [new DateTime(2026, 11, 20, 10, 11, 12).AddTicks(3456789), new DateTime(2026, 11, 21, 23, 59, 59).AddTicks(9999999), new DateTime(2026, 11, 22)],
            rows.Select(r => r.ClickedAt));
        Assert.All(rows, r => Assert.Equal(hex, r.IpHash));
        Assert.Equal(["Agent A", "Agent B", null], rows.Select(r => r.Agent));
        Assert.Equal(["https://www.instagram.com/", null, null], rows.Select(r => r.Referrer));
        Assert.Equal([false, true, false], rows.Select(r => r.IsBot));
        Assert.Equal(hex, await migrated.ExecuteScalarAsync<string>("SELECT ip_hash FROM dbo.perf_link_day_visitors WHERE link_id = 'lk_1'"));

        using var clickIds = new ClickIds(db, TimeProvider.System);
        await clickIds.PrepareAsync(CancellationToken.None);
        Assert.True(await clickIds.NextAsync() > 3);
        var found = await migrated.QuerySingleAsync<(DateTimeOffset ClickedAt, string LinkId)>(RecordConversion.FindClick.For(DatabaseProvider.SqlServer),
            new { WorkspaceId = "ws_1", ClickId = "ck_01JBBBBBBBBBBBBBBBBBBBBBBB", ClickNumber = clickIds.Parse("ck_01JBBBBBBBBBBBBBBBBBBBBBBB") });
        Assert.Equal((new DateTimeOffset(2026, 11, 21, 23, 59, 59, TimeSpan.Zero).AddTicks(9999999), "lk_1"), found);
        Assert.Null(await migrated.QuerySingleOrDefaultAsync<(DateTimeOffset, string)?>(RecordConversion.FindClick.For(DatabaseProvider.SqlServer),
            new { WorkspaceId = "ws_2", ClickId = "ck_01JBBBBBBBBBBBBBBBBBBBBBBB", ClickNumber = (long?)null })); // another workspace's click
    }
}
