using System.Buffers.Binary;
using System.Security.Cryptography;
using Dapper;
using InfluenceCrm.Performance.Clicks;
using InfluenceCrm.Performance.Features.Conversions;
using InfluenceCrm.Performance;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace InfluenceCrm.Tests.Performance.Clicks;

/// <summary>
/// Click ids: numbers unique across instances and restarts, shown encrypted (AES-128 checked against .NET's own), read
/// back only when made under this installation's key, and the ids of clicks stored before migration 0027 still found.
/// </summary>
public sealed class ClickIdsTests : IDisposable
{
    private readonly SqliteFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public void The_cipher_on_the_processors_aes_instructions_equals_dotnets_aes()
    {
        var key = RandomNumberGenerator.GetBytes(16);
        using var cipher = new ClickIds.Cipher(key);
        using var aes = Aes.Create();
        aes.Key = key;
        var random = new Random(27);
        foreach (var id in new long[] { 0, 1, 1L << 32, long.MaxValue, -1 }.Concat(Enumerable.Range(0, 1_000).Select(_ => random.NextInt64())))
        {
            var block = new byte[16];
            BinaryPrimitives.WriteInt64LittleEndian(block, id);
            var expected = aes.EncryptEcb(block, PaddingMode.None);
            var actual = new byte[16];
            Assert.True(cipher.Encrypt(id).TryWriteBytes(actual));
            Assert.Equal(expected, actual);
            Assert.Equal(id, cipher.Decrypt(cipher.Encrypt(id)));
        }
    }

    [Fact]
    public async Task Ids_are_unique_across_instances_and_shown_as_29_characters_that_only_this_installation_reads_back()
    {
        var db = await files.MigratedAsync("ids");
        using var one = new ClickIds(db, TimeProvider.System);
        using var two = new ClickIds(db, TimeProvider.System); // another instance on the same database
        await one.PrepareAsync(CancellationToken.None);
        await two.PrepareAsync(CancellationToken.None);
        var ids = new System.Collections.Concurrent.ConcurrentBag<long>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 20_000), async (i, ct) => ids.Add(await (i % 2 == 0 ? one : two).NextAsync(ct)));
        Assert.Equal(20_000, ids.Distinct().Count());

        var id = await one.NextAsync();
        var shown = one.Format(id);
        Assert.Matches("^ck_[0-9A-HJKMNP-TV-Z]{26}$", shown);
        Assert.Equal(id, one.Parse(shown));
        Assert.Equal(id, two.Parse(shown)); // the key is the installation's
        Assert.NotEqual(one.Format(id + 1)[3..13], shown[3..13]); // consecutive ids share nothing visible
        Assert.Null(one.Parse($"ck_{Ulid.NewUlid()}")); // an id made before migration 0027, or a forged one
        Assert.Null(one.Parse(shown[..^1] + (shown[^1] == '0' ? '1' : '0'))); // one character changed
        Assert.Null(one.Parse("ck_" + shown[3..].ToLowerInvariant()[..25])); // too short
        Assert.Null(one.Parse(null));

        // Blocks of 8 ids, so both instances reserve hundreds of blocks while callers race them.
        using var small = new ClickIds(db, TimeProvider.System, counterBits: 3);
        using var smallToo = new ClickIds(db, TimeProvider.System, counterBits: 3);
        var fromSmallBlocks = new System.Collections.Concurrent.ConcurrentBag<long>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 4_000), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, ct) => fromSmallBlocks.Add(await (i % 2 == 0 ? small : smallToo).NextAsync(ct)));
        Assert.Equal(4_000, fromSmallBlocks.Distinct().Count());

        using var elsewhere = new ClickIds(await files.MigratedAsync("elsewhere"), TimeProvider.System);
        await elsewhere.PrepareAsync(CancellationToken.None);
        Assert.Null(elsewhere.Parse(shown)); // another installation's key

        // A restart reserves a new block: no id of the previous run comes again.
        using var restarted = new ClickIds(db, TimeProvider.System);
        Assert.True(await restarted.NextAsync() > ids.Max());
    }

    [Fact]
    public async Task Clicks_stored_before_integer_ids_keep_their_ids_times_hashes_and_agents_and_conversions_still_find_them()
    {
        var db = new Db(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(Path.GetTempPath(), "influencecrm-tests", Guid.NewGuid().ToString("N") + ".db")}");
        var known = Migrator.Load(DatabaseProvider.Sqlite);
        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync([.. known.Where(m => m.Version < 27)], CancellationToken.None);
        var hash = RandomNumberGenerator.GetBytes(32);
        await using (var c = await db.OpenAsync())
        {
            await c.ExecuteAsync("INSERT INTO platform_workspaces (id, slug, name, created_at) VALUES ('ws_1', 'one', 'One', '2026-01-01T00:00:00.0000000Z')");
            await c.ExecuteAsync("""
                INSERT INTO perf_links (id, workspace_id, code, campaign_id, deliverable_id, creator_id, platform, base_destination, destination, status,
                  expires_at, version, created_at, updated_at)
                VALUES ('lk_1', 'ws_1', 'abc', 'cmp_1', NULL, 'cr_1', 'instagram', 'https://shop.example/', 'https://shop.example/', 'active', NULL, 1,
                  '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z')
                """);
            await c.ExecuteAsync("INSERT INTO perf_user_agents (user_agent) VALUES ('Agent B')");
            // Three generations of rows: the agent as text (before 0010), by id, and none.
            await c.ExecuteAsync("""
                INSERT INTO perf_clicks (id, link_id, clicked_at, ip_hash, user_agent, user_agent_id, referrer, is_bot) VALUES
                ('ck_01JAAAAAAAAAAAAAAAAAAAAAAA', 'lk_1', '2026-11-20T10:11:12.3456789Z', @Hex, 'Agent A', NULL, 'https://www.instagram.com/', 0),
                ('ck_01JBBBBBBBBBBBBBBBBBBBBBBB', 'lk_1', '2026-11-21T23:59:59.9999999Z', @Hex, NULL, 1, NULL, 1),
                ('ck_01JCCCCCCCCCCCCCCCCCCCCCCC', 'lk_1', '2026-11-22T00:00:00.0000000Z', @Hex, NULL, NULL, NULL, 0)
                """, new { Hex = Convert.ToHexStringLower(hash) });
            await c.ExecuteAsync("INSERT INTO perf_link_day_visitors (link_id, day, ip_hash) VALUES ('lk_1', '2026-11-20', @Hex)",
                new { Hex = Convert.ToHexStringLower(hash) });
        }

        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync(known, CancellationToken.None);
        await using var migrated = await db.OpenAsync();
        var rows = (await migrated.QueryAsync<(long Id, long ClickedAt, byte[] IpHash, string? Agent, string? Referrer, bool IsBot)>("""
            SELECT c.id, c.clicked_at, c.ip_hash, u.user_agent, c.referrer, c.is_bot FROM perf_clicks c LEFT JOIN perf_user_agents u ON u.id = c.user_agent_id
              ORDER BY c.id
            """)).ToList();
        Assert.Equal([1L, 2L, 3L], rows.Select(r => r.Id)); // block 0: under every block an instance reserves
        Assert.Equal( // cut to the millisecond, as the writer does
            [DateTimeOffset.Parse("2026-11-20T10:11:12.345Z").ToUnixTimeMilliseconds(),
                DateTimeOffset.Parse("2026-11-21T23:59:59.999Z").ToUnixTimeMilliseconds(),
                DateTimeOffset.Parse("2026-11-22T00:00:00Z").ToUnixTimeMilliseconds()],
            rows.Select(r => r.ClickedAt));
        Assert.All(rows, r => Assert.Equal(hash, r.IpHash));
        Assert.Equal(["Agent A", "Agent B", null], rows.Select(r => r.Agent));
        Assert.Equal(["https://www.instagram.com/", null, null], rows.Select(r => r.Referrer));
        Assert.Equal([false, true, false], rows.Select(r => r.IsBot));
        Assert.Equal(hash, await migrated.ExecuteScalarAsync<byte[]>("SELECT ip_hash FROM perf_link_day_visitors WHERE link_id = 'lk_1'"));

        using var clickIds = new ClickIds(db, TimeProvider.System);
        await clickIds.PrepareAsync(CancellationToken.None);
        Assert.True(await clickIds.NextAsync() > 3);
        var found = await migrated.QuerySingleAsync<(DateTimeOffset ClickedAt, string LinkId)>(RecordConversion.FindClick.For(DatabaseProvider.Sqlite),
            new { WorkspaceId = "ws_1", ClickId = "ck_01JBBBBBBBBBBBBBBBBBBBBBBB", ClickNumber = clickIds.Parse("ck_01JBBBBBBBBBBBBBBBBBBBBBBB") });
        Assert.Equal((DateTimeOffset.Parse("2026-11-21T23:59:59.999Z"), "lk_1"), found);
        Assert.Null(await migrated.QuerySingleOrDefaultAsync<(DateTimeOffset, string)?>(RecordConversion.FindClick.For(DatabaseProvider.Sqlite),
            new { WorkspaceId = "ws_2", ClickId = "ck_01JBBBBBBBBBBBBBBBBBBBBBBB", ClickNumber = (long?)null })); // another workspace's click
    }
}
