using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace InfluenceCrm.Benchmarks;

/// <summary>
/// wrk (C, from Debian's package) as the load generator when it is installed: it keeps up with the bare endpoint where an
/// HttpClient loop on one core does not. Runs on the core this harness is pinned to.
/// </summary>
internal sealed partial class Wrk : ILoadGenerator
{
    private const int DelayMs = 4;

    public static bool Available => File.Exists("/usr/bin/wrk");

    public string Name => "wrk";

    public Task<LoadRun> ClosedAsync(string path, int connections, TimeSpan duration) => RunAsync(path, connections, duration, delayMs: null);

    /// <summary>
    /// wrk paces with a per-connection delay in whole milliseconds (wrk2's fixed rate is not packaged here), so a
    /// connection sends every delay + latency: the connection count is set from the rate, then corrected once from a
    /// 2-second calibration run so the measured run lands near the asked rate.
    /// </summary>
    public async Task<LoadRun> PacedAsync(string path, int rate, TimeSpan duration)
    {
        var connections = Math.Max(1, (int)Math.Round(rate * (DelayMs + 0.5) / 1000));
        var calibration = await RunAsync(path, connections, TimeSpan.FromSeconds(2), DelayMs);
        if (calibration.Rps > 0)
        {
            connections = Math.Clamp((int)Math.Round(connections * rate / calibration.Rps), 1, 1000);
        }

        return await RunAsync(path, connections, duration, DelayMs);
    }

    internal static async Task<LoadRun> RunAsync(string path, int connections, TimeSpan duration, int? delayMs)
    {
        var script = Path.Combine(Path.GetTempPath(), $"wrk-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, delayMs is { } d ? $"function delay() return {d} end\n" : "");
        try
        {
            var start = new ProcessStartInfo("/usr/bin/wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "-t1", "-H", $"User-Agent: {ILoadGenerator.UserAgent}", $"-c{connections}", $"-d{(int)duration.TotalSeconds}s",
                "--latency", "-s", script, ApiServer.Url + path })
            {
                start.ArgumentList.Add(a);
            }

            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            double Latency(string percentile)
            {
                var m = Regex.Match(output, $@"^\s*{percentile}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
                if (!m.Success)
                {
                    return double.NaN;
                }

                var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                return m.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
            }

            var errors = Errors().Match(output) is { Success: true } e ? long.Parse(e.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            var socketErrors = SocketErrors().Match(output) is { Success: true } s
                ? s.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture)) : 0;
            var rps = Rps().Match(output) is { Success: true } r ? double.Parse(r.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            var responses = Responses().Match(output) is { Success: true } n ? long.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            return new LoadRun(rps, Latency("50"), Latency("99"), errors + socketErrors, responses);
        }
        finally
        {
            File.Delete(script);
        }
    }

    [GeneratedRegex(@"(\d+) requests in ")]
    private static partial Regex Responses();

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex Rps();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex Errors();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
