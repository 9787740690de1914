using Microsoft.Data.Sqlite;

namespace InfluenceCrm.Benchmarks;

/// <summary>
/// The crash window: under full load (wrk, 64 connections) the API is killed with SIGKILL — no stop, no drain — and the
/// 302s wrk received are compared with the clicks stored once the file is reopened. What the click queue held in memory at
/// that moment is lost; the README reports the figure measured here.
/// </summary>
internal static class CrashBenchmark
{
    private const int Connections = 64;

    public static async Task<int> RunAsync(string api, int rounds)
    {
        if (!Wrk.Available)
        {
            Console.WriteLine("Crash benchmark skipped: it needs wrk (apt-get install wrk) to count the 302s received up to the kill.");
            return 0;
        }

        var losses = new List<long>();
        for (var round = 0; round < rounds; round++)
        {
            var folder = Path.Combine(Path.GetTempPath(), "influencecrm-crash-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(folder);
            var connectionString = $"Data Source={Path.Combine(folder, "bench.db")}";
            try
            {
                await ApiServer.CliAsync(api, connectionString, "workspaces", "create", "bench");
                var key = await ApiServer.CliAsync(api, connectionString, "apikeys", "create", "--workspace", "bench", "--role", "admin");
                var server = await ApiServer.StartAsync(api, connectionString);
                var (tracked, _) = await RedirectBenchmark.SeedAsync(key);
                var path = $"/r/{tracked.Code}";
                await Wrk.RunAsync(path, Connections, TimeSpan.FromSeconds(20), delayMs: null); // warm-up: the JIT's tiers, a steady writer
                await RedirectBenchmark.DrainAsync(key);
                var before = await StoredAsync(connectionString, tracked.Id);

                var load = Wrk.RunAsync(path, Connections, TimeSpan.FromSeconds(8), delayMs: null);
                await Task.Delay(TimeSpan.FromSeconds(4) + TimeSpan.FromMilliseconds(Random.Shared.Next(1000)));
                await server.CrashAsync();
                var run = await load;
                await server.DisposeAsync();
                var stored = await StoredAsync(connectionString, tracked.Id) - before;
                var lost = run.Responses - stored;
                losses.Add(lost);
                Console.WriteLine($"crash {round + 1}: 302s received {run.Responses:N0}, clicks stored {stored:N0}, lost {lost:N0}");
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }
        }

        Console.WriteLine(
            $"crash window (kill -9 under load, {Connections} connections): {losses.Min():N0}–{losses.Max():N0} clicks lost over {rounds} kills "
            + "(the clicks queued in memory and the batch being written; one batch is Performance:ClickBatchSize, 2,000)");
        return 0;
    }

    private static async Task<long> StoredAsync(string connectionString, string linkId)
    {
        await using var c = new SqliteConnection(connectionString);
        await c.OpenAsync();
        await using var command = c.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM perf_clicks WHERE link_id = $id";
        command.Parameters.AddWithValue("$id", linkId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
