using System.Diagnostics;
using System.Net;

namespace InfluenceCrm.Benchmarks;

/// <summary>
/// The fallback load generator when wrk is not installed: an HttpClient loop. On one core it saturates before a bare 302
/// endpoint does, which flatters every ratio to the bare endpoint; the harness says so when it is used.
/// </summary>
internal sealed class HttpClientLoad : ILoadGenerator
{
    public string Name => "HttpClient loop (wrk not installed: ratios to the bare 302 are flattered)";

    private static HttpClient Client(int connections)
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        })
        { BaseAddress = new Uri(ApiServer.Url) };
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", ILoadGenerator.UserAgent);
        return client;
    }

    public async Task<LoadRun> ClosedAsync(string path, int connections, TimeSpan duration)
    {
        using var client = Client(connections);
        long ok = 0, failed = 0;
        var latencies = new List<double>();
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            var mine = new List<double>();
            while (stop.Elapsed < duration)
            {
                var sent = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
                mine.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                Interlocked.Increment(ref response.StatusCode == HttpStatusCode.Redirect ? ref ok : ref failed);
            }

            lock (latencies)
            {
                latencies.AddRange(mine);
            }
        }));
        return Result(ok / stop.Elapsed.TotalSeconds, latencies, failed);
    }

    /// <summary>
    /// Open loop: requests leave at a fixed rate whatever the answers do, and latency counts from the scheduled send time
    /// (no coordinated omission). The dispatcher yields while it waits so answers are read on the same core.
    /// </summary>
    public async Task<LoadRun> PacedAsync(string path, int rate, TimeSpan duration)
    {
        using var client = Client(512);
        var latencies = new List<double>();
        var pending = new List<Task>();
        var clock = Stopwatch.StartNew();
        long ok = 0, failed = 0;
        var interval = 1.0 / rate;

        async Task Fire(double scheduled)
        {
            using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            var latency = (clock.Elapsed.TotalSeconds - scheduled) * 1000;
            lock (latencies)
            {
                latencies.Add(latency);
            }

            Interlocked.Increment(ref response.StatusCode == HttpStatusCode.Redirect ? ref ok : ref failed);
        }

        await Task.Run(() =>
        {
            for (long i = 0; i * interval < duration.TotalSeconds; i++)
            {
                while (clock.Elapsed.TotalSeconds < i * interval)
                {
                    Thread.Yield();
                }

                pending.Add(Fire(i * interval));
            }
        });
        await Task.WhenAll(pending);
        return Result(ok / clock.Elapsed.TotalSeconds, latencies, failed);
    }

    private static LoadRun Result(double rps, List<double> latencies, long failed)
    {
        latencies.Sort();
        double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)(p * latencies.Count))];
        return new LoadRun(rps, Percentile(0.50), Percentile(0.99), failed);
    }
}
