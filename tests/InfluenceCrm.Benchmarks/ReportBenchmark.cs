using System.Diagnostics;
using System.Globalization;
using InfluenceCrm.Access;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace InfluenceCrm.Benchmarks;

/// <summary>
/// The campaign report for 1,000 deliverables over 90 days, on SQLite databases that hold 100k, 1M and 10M raw clicks
/// (same rollups: 90,000 link-day rows): the report reads rollups, so its time should follow links × days, not clicks.
/// </summary>
internal static class ReportBenchmark
{
    private const int Deliverables = 1000;
    private const int Creators = 100;
    private const int Days = 90;
    private const int Runs = 20;

    public static async Task<int> RunAsync(string api, string clickCounts)
    {
        var rows = new List<(long Clicks, double Median, double P95, double MedianDay, long DbMb)>();
        var pageRows = new List<(long Clicks, string Page, double P50, double P95)>();
        foreach (var clicks in clickCounts.Split(',').Select(c => long.Parse(c, CultureInfo.InvariantCulture)))
        {
            var folder = Path.Combine(Path.GetTempPath(), "influencecrm-report-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, "report.db");
            var connectionString = $"Data Source={file}";
            try
            {
                Console.Error.WriteLine($"seeding {clicks:N0} clicks…");
                var (key, campaign) = await SeedAsync(connectionString, clicks);
                SqliteConnection.ClearAllPools();
                await using var server = await ApiServer.StartAsync(api, connectionString);
                using var client = ApiServer.Client(key);
                var to = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var from = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-(Days - 1)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                async Task<List<double>> Time(string groupBy)
                {
                    var times = new List<double>();
                    for (var i = 0; i < Runs + 3; i++)
                    {
                        var watch = Stopwatch.StartNew();
                        using var response = await client.GetAsync($"/api/v1/reports/campaigns/{campaign}?from={from}&to={to}&groupBy={groupBy}");
                        var body = await response.Content.ReadAsStringAsync();
                        watch.Stop();
                        if (!response.IsSuccessStatusCode)
                        {
                            throw new InvalidOperationException(body);
                        }

                        if (i >= 3)
                        {
                            times.Add(watch.Elapsed.TotalMilliseconds);
                        }
                    }

                    times.Sort();
                    return times;
                }

                var byCreator = await Time("creator");
                var byDay = await Time("day");

                // The console's pages over the same campaign: the report (its table and four charts), its links and its conversions.
                using var handler = new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false };
                using var browser = new HttpClient(handler) { BaseAddress = new Uri(ApiServer.Url) };
                await PagesBenchmark.SignInAsync(browser);
                foreach (var page in new[] { $"/campaigns/{campaign}/report", $"/campaigns/{campaign}/links", $"/campaigns/{campaign}/conversions",
                    "/legal/grants", "/legal" })
                {
                    var times = new List<double>();
                    for (var i = 0; i < Runs + 3; i++)
                    {
                        var watch = Stopwatch.StartNew();
                        using var response = await browser.GetAsync(page);
                        var body = await response.Content.ReadAsStringAsync();
                        watch.Stop();
                        if (!response.IsSuccessStatusCode)
                        {
                            throw new InvalidOperationException($"{page}: {(int)response.StatusCode} {body[..Math.Min(300, body.Length)]}");
                        }

                        if (i >= 3)
                        {
                            times.Add(watch.Elapsed.TotalMilliseconds);
                        }
                    }

                    times.Sort();
                    pageRows.Add((clicks, page.Replace(campaign, "{id}", StringComparison.Ordinal), times[Runs / 2], times[(int)(Runs * 0.95)]));
                }

                await server.StopAsync();
                rows.Add((clicks, byCreator[Runs / 2], byCreator[(int)(Runs * 0.95)], byDay[Runs / 2], new FileInfo(file).Length / (1024 * 1024)));
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Report benchmark: {Deliverables:N0} deliverables (links), {Days} days = {Deliverables
            * Days:N0} rollup rows, SQLite, HTTP end to end, median of {Runs}");
        Console.WriteLine($"{"raw clicks",14}{"db MB",8}{"groupBy=creator",18}{"p95",10}{"groupBy=day",14}{"vs first",10}");
        foreach (var r in rows)
        {
            Console.WriteLine($"{r.Clicks,14:N0}{r.DbMb,8:N0}{r.Median,15:0.0} ms{r.P95,7:0.0} ms{r.MedianDay,11:0.0} ms{r.Median / rows[0].Median,10:0.00}x");
        }

        Console.WriteLine($"target: under 100 ms — {(rows.All(r => r.Median < 100) ? "met" : "NOT met")} at every size");
        Console.WriteLine();
        Console.WriteLine($"Console pages over the same campaign, HTTP end to end with sign-in cookie, {Runs} runs each");
        Console.WriteLine($"{"raw clicks",14}  {"page",-34}{"p50",10}{"p95",10}");
        foreach (var r in pageRows)
        {
            Console.WriteLine($"{r.Clicks,14:N0}  {r.Page,-34}{r.P50,7:0.0} ms{r.P95,7:0.0} ms");
        }

        var slow = pageRows.Where(r => r.P95 >= 100).Select(r => $"{r.Page} at {r.Clicks:N0}").ToList();
        Console.WriteLine($"target: p95 under 100 ms for every page — {(slow.Count == 0 ? "met" : "NOT met: " + string.Join(", ", slow))}");
        return 0;
    }

    /// <summary>Writes the rows the API would have written: workspace and key, campaign, roster, deliverables, links, rollups, raw clicks, snapshots.</summary>
    private static async Task<(string Key, string Campaign)> SeedAsync(string connectionString, long clicks)
    {
        var db = new Db(DatabaseProvider.Sqlite, connectionString);
        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync();
        var access = new AccessStore(db, TimeProvider.System);
        var workspace = await access.CreateWorkspaceAsync("bench", "Bench");
        var key = (await access.CreateKeyAsync(workspace.Id, "viewer", "bench")).Plaintext;
        await new People(db, TimeProvider.System).EnsureMemberAsync("bench@acme.example", "Bench", PagesBenchmark.Password, workspace.Id, Roles.Admin);
        var ws = workspace.Id;
        const string campaign = "cmp_BENCH";
        var now = DateTime.UtcNow;
        string T(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

        await using var c = new SqliteConnection(connectionString);
        await c.OpenAsync();
        await using (var pragma = c.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;";
            await pragma.ExecuteNonQueryAsync();
        }

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

        await Exec("""
            INSERT INTO campaign_campaigns (id, workspace_id, name, name_key, brand, brand_key, objectives, platforms, markets, budget_amount, budget_currency,
                starts_on, ends_on, brief, status, version, created_at, updated_at)
            VALUES ($id, $ws, 'Bench', 'bench', 'Bench', 'bench', '[{"type":"acquisition","kpi":"clicks","target":1000000}]', ',', ',', 100000000, 'EUR',
                NULL, NULL, '{}', 'live', 1, $now, $now)
            """, ("$id", campaign), ("$ws", ws), ("$now", T(now)));
        for (var i = 0; i < Creators; i++)
        {
            await Exec("""
                INSERT INTO campaign_roster (id, workspace_id, campaign_id, creator_id, status, fee_amount, fee_currency, notes, version, created_at,
                  updated_at)
                VALUES ($id, $ws, $c, $cr, 'confirmed', 100000, 'EUR', NULL, 1, $now, $now)
                """, ("$id", $"rm_{i}"), ("$ws", ws), ("$c", campaign), ("$cr", $"cr_{i}"), ("$now", T(now)));
        }

        var platforms = new[] { "instagram", "tiktok", "youtube" };
        for (var d = 0; d < Deliverables; d++)
        {
            var platform = platforms[d % platforms.Length];
            await Exec("""
                INSERT INTO campaign_deliverables (id, workspace_id, campaign_id, roster_id, creator_id, platform, format, story_frames, market, due_on, title,
                  status, version, created_at, updated_at)
                VALUES ($id, $ws, $c, $rm, $cr, $p, 'post', NULL, 'FR', $due, NULL, 'published', 1, $now, $now)
                """, ("$id", $"dlv_{d}"), ("$ws", ws), ("$c", campaign), ("$rm", $"rm_{d % Creators}"), ("$cr", $"cr_{d % Creators}"), ("$p", platform),
                ("$due", now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("$now", T(now)));
            await Exec("""
                INSERT INTO perf_links (id, workspace_id, code, campaign_id, deliverable_id, creator_id, platform, base_destination, destination, status,
                  expires_at, version, created_at, updated_at)
                VALUES ($id, $ws, $code, $c, $d, $cr, $p, 'https://shop.example.com', 'https://shop.example.com', 'active', NULL, 1, $now, $now)
                """, ("$id", $"lnk_{d}"), ("$ws", ws), ("$code", $"b{d}"), ("$c", campaign), ("$d", $"dlv_{d}"), ("$cr", $"cr_{d % Creators}"),
                ("$p", platform), ("$now", T(now)));
            await Exec("""
                INSERT INTO perf_engagement_snapshots (id, workspace_id, campaign_id, deliverable_id, captured_at, views, reach, impressions, likes, comments,
                  shares, saves, source, created_at)
                VALUES ($id, $ws, $c, $d, $at, 5000, 4000, 6000, 300, 20, 10, 15, 'api', $at)
                """, ("$id", $"snap_{d}"), ("$ws", ws), ("$c", campaign), ("$d", $"dlv_{d}"), ("$at", T(now.AddHours(-1))));
        }

        // Rollups: every link-day row; their clicks add up to the raw click count.
        var perRow = clicks / (Deliverables * Days);
        var rest = clicks % (Deliverables * Days);
        await using (var daily = c.CreateCommand())
        {
            daily.Transaction = tx;
            daily.CommandText = "INSERT INTO perf_link_daily (link_id, day, workspace_id, clicks, human_clicks, unique_visitors) VALUES ($l, $day, $ws, " +
                "$n, $h, $u)";
            var l = daily.Parameters.Add("$l", SqliteType.Text);
            var day = daily.Parameters.Add("$day", SqliteType.Text);
            daily.Parameters.AddWithValue("$ws", ws);
            var n = daily.Parameters.Add("$n", SqliteType.Integer);
            var h = daily.Parameters.Add("$h", SqliteType.Integer);
            var u = daily.Parameters.Add("$u", SqliteType.Integer);
            var index = 0L;
            for (var d = 0; d < Deliverables; d++)
            {
                for (var k = 0; k < Days; k++, index++)
                {
                    var count = perRow + (index < rest ? 1 : 0);
                    (l.Value, day.Value, n.Value, h.Value, u.Value) = ($"lnk_{d}", now.AddDays(-k).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), count,
                        count * 9 / 10, count * 7 / 10);
                    await daily.ExecuteNonQueryAsync();
                }
            }
        }

        // The campaign's day rollups, as the click writer keeps them beside the link-day ones: their sums.
        await Exec("""
            INSERT INTO perf_campaign_daily (campaign_id, day, workspace_id, clicks, human_clicks, unique_visitors)
            SELECT l.campaign_id, d.day, l.workspace_id, SUM(d.clicks), SUM(d.human_clicks), SUM(d.unique_visitors)
            FROM perf_link_daily d JOIN perf_links l ON l.id = d.link_id GROUP BY l.campaign_id, d.day, l.workspace_id
            """);

        // Raw clicks, as the click writer stores them (the report never reads them; they are here to show it does not).
        await using (var raw = c.CreateCommand())
        {
            raw.Transaction = tx;
            raw.CommandText = "INSERT INTO perf_clicks (id, link_id, clicked_at, ip_hash, user_agent_id, referrer, is_bot) VALUES ($id, $l, $at, $ip, " +
                "NULL, NULL, 0)";
            var id = raw.Parameters.Add("$id", SqliteType.Integer);
            var l = raw.Parameters.Add("$l", SqliteType.Text);
            var at = raw.Parameters.Add("$at", SqliteType.Integer);
            raw.Parameters.AddWithValue("$ip", new byte[32]);
            raw.Prepare();
            for (long i = 0; i < clicks; i++)
            {
                (id.Value, l.Value, at.Value) = (i + 1, $"lnk_{i % Deliverables}",
                    new DateTimeOffset(now.AddSeconds(-(i % (Days * 86_400)))).ToUnixTimeMilliseconds());
                await raw.ExecuteNonQueryAsync();
            }
        }

        await tx.CommitAsync();
        return (key, campaign);
    }
}
