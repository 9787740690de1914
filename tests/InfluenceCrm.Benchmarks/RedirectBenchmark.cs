using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;

namespace InfluenceCrm.Benchmarks;

/// <summary>
/// The redirect with click recording against a bare 302 (no recording) and the naive insert-per-click redirect, measured in
/// one run on one machine: maximum requests per second (closed loop), then p99 latency of the real redirect at half the
/// bare endpoint's rate (open loop, latency from the scheduled send time), then a graceful stop and a count of the clicks
/// stored against the 302s answered.
/// </summary>
internal static class RedirectBenchmark
{
    private const int Concurrency = 64;

    public static async Task<int> RunAsync(string api, int seconds)
    {
        if (Wrk.Available)
        {
            return await RunWithWrkAsync(api, seconds);
        }

        var folder = Path.Combine(Path.GetTempPath(), "influencecrm-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var connectionString = $"Data Source={Path.Combine(folder, "bench.db")}";
        try
        {
            await ApiServer.CliAsync(api, connectionString, "workspaces", "create", "bench");
            var key = await ApiServer.CliAsync(api, connectionString, "apikeys", "create", "--workspace", "bench", "--role", "admin");
            await using var server = await ApiServer.StartAsync(api, connectionString);
            var (tracked, naive) = await SeedAsync(key);
            using var probe = new HttpClient { BaseAddress = new Uri(ApiServer.Url) };
            await AnsweredAsync(probe); // start counting 302s of the tracked link from here
            var redirectsAnswered = 0L;

            var results = new List<(string Name, double Rps, long Ok)>();
            foreach (var (name, path) in new[] { ("bare 302", "/bench/bare/x"), ("redirect + click", $"/r/{tracked.Code}"), ("naive insert/click", $"/bench/naive/{naive.Code}") })
            {
                await DrainAsync(key);
                await ClosedLoopAsync(path, TimeSpan.FromSeconds(2)); // warm-up (JIT, connections, caches)
                var (ok, elapsed) = await ClosedLoopAsync(path, TimeSpan.FromSeconds(seconds));
                results.Add((name, ok / elapsed.TotalSeconds, ok));
                if (path.StartsWith("/r/", StringComparison.Ordinal))
                {
                    await Task.Delay(500);
                    redirectsAnswered += await AnsweredAsync(probe);
                }
            }

            var bare = results[0].Rps;
            var rate = (int)(bare / 2);
            await DrainAsync(key);
            await OpenLoopAsync("/bench/bare/x", rate, TimeSpan.FromSeconds(2)); // warm-up of the open-loop path
            await probe.GetStringAsync("/bench/latency/bare"); // reset
            var (_, bareLatencies) = await OpenLoopAsync("/bench/bare/x", rate, TimeSpan.FromSeconds(seconds));
            var bareServer = await probe.GetStringAsync("/bench/latency/bare");
            await DrainAsync(key);
            var (_, latencies) = await OpenLoopAsync($"/r/{tracked.Code}", rate, TimeSpan.FromSeconds(seconds));
            await Task.Delay(500);
            var redirectServer = await probe.GetStringAsync("/bench/latency/redirect");
            redirectsAnswered += (long)System.Text.Json.Nodes.JsonNode.Parse(redirectServer)!["count"]!;
            latencies.Sort();
            bareLatencies.Sort();
            static double Percentile(List<double> values, double p) => values.Count == 0 ? double.NaN : values[Math.Min(values.Count - 1, (int)(p * values.Count))];

            await server.StopAsync();
            long stored, distinct;
            await using (var c = new SqliteConnection(connectionString))
            {
                await c.OpenAsync();
                stored = await Scalar(c, "SELECT COUNT(*) FROM perf_clicks WHERE link_id = $id", tracked.Id);
                distinct = await Scalar(c, "SELECT COUNT(DISTINCT id) FROM perf_clicks WHERE link_id = $id", tracked.Id);
            }

            Console.WriteLine();
            Console.WriteLine($"Redirect benchmark: {Environment.ProcessorCount} core(s) visible to the load generator, server on core 0, load on core 1, {Concurrency} connections, {seconds} s per run, SQLite");
            Console.WriteLine($"{"endpoint",-22}{"requests/s",14}{"vs bare",10}");
            foreach (var (name, rps, _) in results)
            {
                Console.WriteLine($"{name,-22}{rps,14:N0}{rps / bare,10:P1}");
            }

            Console.WriteLine($"redirect / bare = {results[1].Rps / bare:0.000} (target >= 0.80); redirect / naive = {results[1].Rps / results[2].Rps:0.00}x");
            Console.WriteLine($"at {rate:N0} req/s (half the bare rate) for {seconds} s: redirect p50 {Percentile(latencies, 0.50):0.00} ms, p99 {Percentile(latencies, 0.99):0.00} ms (target < 5 ms); "
                + $"bare 302 at the same rate p50 {Percentile(bareLatencies, 0.50):0.00} ms, p99 {Percentile(bareLatencies, 0.99):0.00} ms (client side, includes the load generator)");
            Console.WriteLine($"server side (first middleware to end of response, ms): redirect {redirectServer}; bare {bareServer}");
            Console.WriteLine($"after a graceful stop: clicks stored {stored:N0}, distinct {distinct:N0}, 302s answered on the tracked link {redirectsAnswered:N0}");
            var consistent = stored == distinct && stored == redirectsAnswered;
            Console.WriteLine(consistent ? "clicks stored = 302s answered, none twice: OK" : "MISMATCH between clicks stored and 302s answered");
            return consistent ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>302s answered on /r/ since the last call, counted by the server (clients miss requests in flight at the end).</summary>
    private static async Task<long> AnsweredAsync(HttpClient probe) =>
        (long)System.Text.Json.Nodes.JsonNode.Parse(await probe.GetStringAsync("/bench/latency/redirect"))!["count"]!;

    /// <summary>The same measurements with wrk as the load generator (throughput, and latency paced to half the bare rate).</summary>
    private static async Task<int> RunWithWrkAsync(string api, int seconds)
    {
        var folder = Path.Combine(Path.GetTempPath(), "influencecrm-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var connectionString = $"Data Source={Path.Combine(folder, "bench.db")}";
        try
        {
            await ApiServer.CliAsync(api, connectionString, "workspaces", "create", "bench");
            var key = await ApiServer.CliAsync(api, connectionString, "apikeys", "create", "--workspace", "bench", "--role", "admin");
            await using var server = await ApiServer.StartAsync(api, connectionString);
            var (tracked, naive) = await SeedAsync(key);
            var duration = TimeSpan.FromSeconds(seconds);
            using var probe = new HttpClient { BaseAddress = new Uri(ApiServer.Url) };
            await AnsweredAsync(probe); // start counting 302s of the tracked link from here
            var redirectsAnswered = 0L;
            var results = new List<(string Name, Wrk.Result Result)>();
            foreach (var (name, path) in new[] { ("bare 302", "/bench/bare/x"), ("redirect + click", $"/r/{tracked.Code}"), ("naive insert/click", $"/bench/naive/{naive.Code}") })
            {
                await DrainAsync(key);
                await Wrk.RunAsync(path, Concurrency, TimeSpan.FromSeconds(2));
                var run = await Wrk.RunAsync(path, Concurrency, duration);
                await Task.Delay(500);
                if (path.StartsWith("/r/", StringComparison.Ordinal))
                {
                    redirectsAnswered += await AnsweredAsync(probe);
                }

                results.Add((name, run));
            }

            var bare = results[0].Result.Rps;
            var rate = (int)(bare / 2);
            await DrainAsync(key);
            var paced = await Wrk.RunAsync($"/r/{tracked.Code}", 32, duration, rate);
            await Task.Delay(500);
            var server99 = System.Text.Json.Nodes.JsonNode.Parse(await probe.GetStringAsync("/bench/latency/redirect"))!;
            redirectsAnswered += (long)server99["count"]!;
            await DrainAsync(key);
            var pacedBare = await Wrk.RunAsync("/bench/bare/x", 32, duration, rate);
            await server.StopAsync();
            long stored, distinct;
            await using (var c = new SqliteConnection(connectionString))
            {
                await c.OpenAsync();
                stored = await Scalar(c, "SELECT COUNT(*) FROM perf_clicks WHERE link_id = $id", tracked.Id);
                distinct = await Scalar(c, "SELECT COUNT(DISTINCT id) FROM perf_clicks WHERE link_id = $id", tracked.Id);
            }

            Console.WriteLine();
            Console.WriteLine($"Redirect benchmark (wrk): API on core 0, wrk on core 1, {Concurrency} connections, {seconds} s per run, SQLite");
            Console.WriteLine($"{"endpoint",-22}{"requests/s",14}{"vs bare",10}{"errors",8}");
            foreach (var (name, r) in results)
            {
                Console.WriteLine($"{name,-22}{r.Rps,14:N0}{r.Rps / bare,10:P1}{r.Errors,8:N0}");
            }

            Console.WriteLine($"redirect / bare = {results[1].Result.Rps / bare:0.000} (target >= 0.80); redirect / naive = {results[1].Result.Rps / results[2].Result.Rps:0.00}x");
            Console.WriteLine($"paced to {rate:N0} req/s (half the bare rate), 32 connections: redirect {paced.Rps:N0} req/s p50 {paced.P50Ms:0.000} ms p99 {paced.P99Ms:0.000} ms (target < 5 ms); "
                + $"bare {pacedBare.Rps:N0} req/s p50 {pacedBare.P50Ms:0.000} ms p99 {pacedBare.P99Ms:0.000} ms");
            Console.WriteLine($"server side during the paced redirect run (ms): p50 {(double?)server99["p50"]:0.000}, p99 {(double?)server99["p99"]:0.000}, p99.9 {(double?)server99["p999"]:0.000}");
            Console.WriteLine($"after a graceful stop: clicks stored {stored:N0}, distinct {distinct:N0}, 302s answered on the tracked link {redirectsAnswered:N0}");
            var consistent = stored == distinct && stored == redirectsAnswered;
            Console.WriteLine(consistent ? "clicks stored = 302s answered, none twice: OK" : "MISMATCH between clicks stored and 302s answered");
            return consistent ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Waits until the click queue is empty, so one run's backlog does not weigh on the next.</summary>
    private static async Task DrainAsync(string key)
    {
        using var client = ApiServer.Client(key);
        for (var i = 0; i < 600; i++)
        {
            var stats = System.Text.Json.Nodes.JsonNode.Parse(await client.GetStringAsync("/api/v1/performance/click-pipeline"))!;
            if ((int)stats["pending"]! == 0)
            {
                return;
            }

            await Task.Delay(100);
        }
    }

    private static async Task<long> Scalar(SqliteConnection c, string sql, string id)
    {
        await using var command = c.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<((string Id, string Code) Tracked, (string Id, string Code) Naive)> SeedAsync(string key)
    {
        using var client = ApiServer.Client(key);
        var creator = (string)(await ApiServer.PostAsync(client, "/api/v1/creators", new { displayName = "Bench creator" }))["id"]!;
        var campaign = (string)(await ApiServer.PostAsync(client, "/api/v1/campaigns", new { name = "Bench", brand = "Bench" }))["id"]!;
        var member = (string)(await ApiServer.PostAsync(client, $"/api/v1/campaigns/{campaign}/roster", new { creatorId = creator }))["id"]!;
        using var confirm = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/campaigns/{campaign}/roster/{member}")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { status = "confirmed", agreedFee = new { amount = 100_000, currency = "EUR" } }),
        };
        confirm.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        (await client.SendAsync(confirm)).EnsureSuccessStatusCode();
        async Task<(string, string)> Link()
        {
            var link = await ApiServer.PostAsync(client, "/api/v1/links", new { campaignId = campaign, creatorId = creator, destination = "https://shop.example.com/serum?ref=bench" });
            return ((string)link["id"]!, (string)link["code"]!);
        }

        return (await Link(), await Link());
    }

    private static HttpClient LoadClient(int connections = Concurrency) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false, UseCookies = false, MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    }) { BaseAddress = new Uri(ApiServer.Url) };

    private static async Task<(long Ok, TimeSpan Elapsed)> ClosedLoopAsync(string path, TimeSpan duration)
    {
        using var client = LoadClient();
        long ok = 0;
        var stop = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            while (stop.Elapsed < duration)
            {
                using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
                if (response.StatusCode == HttpStatusCode.Redirect)
                {
                    Interlocked.Increment(ref ok);
                }
            }
        }).ToList();
        await Task.WhenAll(tasks);
        return (ok, stop.Elapsed);
    }

    /// <summary>
    /// Open loop: requests leave at a fixed rate whatever the answers do, and latency counts from the scheduled send time
    /// (no coordinated omission). The dispatcher yields while it waits so answers are read on the same core.
    /// </summary>
    private static async Task<(long Sent, List<double> LatenciesMs)> OpenLoopAsync(string path, int rate, TimeSpan duration)
    {
        using var client = LoadClient(512);
        var latencies = new List<double>();
        var gate = new object();
        var pending = new List<Task>();
        var clock = Stopwatch.StartNew();
        long ok = 0;
        var interval = 1.0 / rate;

        async Task Fire(double scheduled)
        {
            using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            var latency = (clock.Elapsed.TotalSeconds - scheduled) * 1000;
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                lock (gate)
                {
                    latencies.Add(latency);
                }

                Interlocked.Increment(ref ok);
            }
        }

        await Task.Run(() =>
        {
            for (long i = 0; ; i++)
            {
                var scheduled = i * interval;
                if (scheduled >= duration.TotalSeconds)
                {
                    break;
                }

                while (clock.Elapsed.TotalSeconds < scheduled)
                {
                    Thread.Yield();
                }

                pending.Add(Fire(scheduled));
            }
        });
        await Task.WhenAll(pending);
        return (ok, latencies);
    }
}
