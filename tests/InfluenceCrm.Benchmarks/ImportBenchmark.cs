using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using InfluenceCrm.Access;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace InfluenceCrm.Benchmarks;

/// <summary>
/// Importing a platform's export at the size limit: a 50,000-row Meta Business Suite file (2,000 published posts, 25
/// daily rows each) over HTTP, in rows per second; the baseline is the same 50,000 snapshots sent as JSON to the
/// snapshot endpoint (10 requests of 5,000: the API takes JSON bodies up to 1 MB), measured in the same run. Then the same file again (every post
/// unchanged).
/// </summary>
internal static class ImportBenchmark
{
    private const int Posts = 2_000;
    private const int RowsPerPost = 25;
    private const int Rounds = 3;

    public static async Task<int> RunAsync(string api)
    {
        var folder = Path.Combine(Path.GetTempPath(), "influencecrm-import-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var connectionString = $"Data Source={Path.Combine(folder, "import.db")}";
        try
        {
            var key = await SeedAsync(connectionString);
            SqliteConnection.ClearAllPools();
            await using var server = await ApiServer.StartAsync(api, connectionString);
            using var client = ApiServer.Client(key);
            client.Timeout = TimeSpan.FromMinutes(5);
            var rows = Posts * RowsPerPost;
            var results = new List<(string Run, double Seconds)>();
            for (var round = 0; round < Rounds; round++)
            {
                // Each round a newer export (other figures), so every post is written, not found unchanged.
                var file = MetaExport(round);
                var watch = Stopwatch.StartNew();
                using var response = await client.PostAsync("/api/v1/performance/campaigns/cmp_IMPORT/imports",
                    new ByteArrayContent(file) { Headers = { ContentType = new("text/csv") } });
                var body = await response.Content.ReadAsStringAsync();
                watch.Stop();
                if (!response.IsSuccessStatusCode || !body.Contains($"\"rows\":{rows}", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"import: {(int)response.StatusCode} {body[..Math.Min(400, body.Length)]}");
                }

                results.Add(("import", watch.Elapsed.TotalSeconds));

                watch.Restart();
                using var again = await client.PostAsync("/api/v1/performance/campaigns/cmp_IMPORT/imports",
                    new ByteArrayContent(file) { Headers = { ContentType = new("text/csv") } });
                await again.Content.ReadAsStringAsync();
                watch.Stop();
                results.Add(("re-import (unchanged)", watch.Elapsed.TotalSeconds));

                watch.Restart();
                var capturedAt = DateTimeOffset.UtcNow.AddMinutes(-round - 1);
                for (var part = 0; part < rows / 5_000; part++)
                {
                    var snapshots = Enumerable.Range(part * 5_000, 5_000).Select(i => new
                    {
                        deliverableId = $"dlv_{i}",
                        capturedAt,
                        views = 1000 + i,
                        reach = 800,
                        impressions = 1500,
                        likes = 50,
                        comments = 5,
                        shares = 2,
                        saves = 3,
                    });
                    using var json = await client.PostAsJsonAsync("/api/v1/performance/campaigns/cmp_JSON/engagement-snapshots", snapshots);
                    if (!json.IsSuccessStatusCode)
                    {
                        throw new InvalidOperationException($"json: {(int)json.StatusCode} {await json.Content.ReadAsStringAsync()}");
                    }
                }

                watch.Stop();
                results.Add(("baseline: JSON snapshots", watch.Elapsed.TotalSeconds));
            }

            await server.StopAsync();
            Console.WriteLine();
            Console.WriteLine($"Import benchmark: a {rows:N0}-row Meta Business Suite export ({Posts:N0} posts × {RowsPerPost} daily rows), " +
                $"SQLite, HTTP end to end, {Rounds} rounds");
            Console.WriteLine($"{"run",-28}{"rows/s (median)",18}{"range",22}{"vs baseline",14}");
            var baseline = Median(results.Where(r => r.Run.StartsWith("baseline", StringComparison.Ordinal)).Select(r => rows / r.Seconds));
            foreach (var run in results.Select(r => r.Run).Distinct())
            {
                var rates = results.Where(r => r.Run == run).Select(r => rows / r.Seconds).ToList();
                Console.WriteLine($"{run,-28}{Median(rates),18:N0}{$"{rates.Min():N0}–{rates.Max():N0}",22}{Median(rates) / baseline,13:0.00}x");
            }

            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static byte[] MetaExport(int round)
    {
        var text = new StringBuilder("\uFEFFPost ID,Account username,Description,Publish time,Permalink,Post " +
            "type,Date,Views,Reach,Likes,Shares,Follows,Comments,Saves\r\n");
        var published = DateTime.UtcNow.AddDays(-30);
        for (var p = 0; p < Posts; p++)
        {
            for (var day = 0; day < RowsPerPost; day++)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"179{p:D8},lea.beauty,\"Post {p}, day {day}\",{published:MM/dd/yyyy HH:mm},https://www.instagram.com/p/B{p:D6}/,IG reel,")
                    .Append(CultureInfo.InvariantCulture,
                    $"{published.AddDays(day):MM/dd/yyyy},\"{1000 + p + round:N0}\",{800 + day},{50 + round},3,0,5,2\r\n");
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Two live campaigns of the same workspace: one whose 2,000 deliverables are published at known permalinks (the import's), one for the JSON
    /// baseline.</summary>
    private static async Task<string> SeedAsync(string connectionString)
    {
        var db = new Db(DatabaseProvider.Sqlite, connectionString);
        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync();
        var access = new AccessStore(db, TimeProvider.System);
        var workspace = await access.CreateWorkspaceAsync("bench", "Bench");
        var key = (await access.CreateKeyAsync(workspace.Id, Roles.Integration, "bench")).Plaintext;
        var now = DateTime.UtcNow;
        string T(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

        await using var c = new SqliteConnection(connectionString);
        await c.OpenAsync();
        await using var tx = (SqliteTransaction)await c.BeginTransactionAsync();
        async Task Exec(string sql, params (string Name, object? Value)[] p)
        {
            await using var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = sql;
            foreach (var (n, v) in p)
            {
                cmd.Parameters.AddWithValue(n, v ?? DBNull.Value);
            }

            await cmd.ExecuteNonQueryAsync();
        }

        foreach (var campaign in new[] { "cmp_IMPORT", "cmp_JSON" })
        {
            await Exec("""
                INSERT INTO campaign_campaigns (id, workspace_id, name, name_key, brand, brand_key, objectives, platforms, markets, budget_amount,
                  budget_currency,
                    starts_on, ends_on, brief, status, version, created_at, updated_at)
                VALUES ($id, $ws, $id, $id, 'Bench', 'bench', '[]', ',', ',', NULL, NULL, $starts, NULL, '{}', 'live', 1, $now, $now)
                """, ("$id", campaign), ("$ws", workspace.Id), ("$starts", now.AddDays(-60).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                ("$now", T(now)));
            await Exec("""
                INSERT INTO campaign_roster (id, workspace_id, campaign_id, creator_id, status, fee_amount, fee_currency, notes, version, created_at,
                  updated_at)
                VALUES ($id, $ws, $c, 'cr_bench', 'confirmed', NULL, NULL, NULL, 1, $now, $now)
                """, ("$id", "rm_" + campaign), ("$ws", workspace.Id), ("$c", campaign), ("$now", T(now)));
        }

        for (var d = 0; d < Posts * RowsPerPost; d++)
        {
            var imported = d < Posts;
            await Exec("""
                INSERT INTO campaign_deliverables (id, workspace_id, campaign_id, roster_id, creator_id, platform, format, story_frames, market, due_on, title,
                  status,
                    post_url, published_at, version, created_at, updated_at)
                VALUES ($id, $ws, $c, $rm, 'cr_bench', 'instagram', 'reel', NULL, 'FR', $due, NULL, 'published', $url, $at, 1, $now, $now)
                """, ("$id", imported ? $"dlv_imp_{d}" : $"dlv_{d}"), ("$ws", workspace.Id), ("$c", imported ? "cmp_IMPORT" : "cmp_JSON"),
                ("$rm", imported ? "rm_cmp_IMPORT" : "rm_cmp_JSON"), ("$due", now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                ("$url", imported ? $"https://www.instagram.com/p/B{d:D6}/" : null), ("$at", T(now.AddDays(-30))), ("$now", T(now)));
            if (!imported)
            {
                continue;
            }

            // The JSON baseline needs as many deliverables as rows: dlv_0 … dlv_49999 in the other campaign.
            await Exec("""
                INSERT INTO campaign_deliverables (id, workspace_id, campaign_id, roster_id, creator_id, platform, format, story_frames, market, due_on, title,
                  status,
                    post_url, published_at, version, created_at, updated_at)
                VALUES ($id, $ws, 'cmp_JSON', 'rm_cmp_JSON', 'cr_bench', 'instagram', 'reel', NULL, 'FR', $due, NULL, 'published', NULL, NULL, 1, $now, $now)
                """, ("$id", $"dlv_{d}"), ("$ws", workspace.Id), ("$due", now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("$now", T(now)));
        }

        await tx.CommitAsync();
        return key;
    }
}
