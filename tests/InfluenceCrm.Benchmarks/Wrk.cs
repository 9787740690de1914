using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace InfluenceCrm.Benchmarks;

/// <summary>
/// wrk (C, from Debian's package) as the load generator when it is installed: it keeps up with the bare endpoint where an
/// HttpClient loop on one core does not. Runs on the core this harness is pinned to.
/// </summary>
internal static partial class Wrk
{
    public static bool Available => File.Exists("/usr/bin/wrk");

    public sealed record Result(long Requests, double Rps, double P50Ms, double P99Ms, long Errors);

    /// <param name="rate">Requests per second to pace to (each connection waits between requests), or null for as fast as possible.</param>
    public static async Task<Result> RunAsync(string path, int connections, TimeSpan duration, int? rate = null)
    {
        var script = Path.Combine(Path.GetTempPath(), $"wrk-{Guid.NewGuid():N}.lua");
        // wrk.delay is whole milliseconds per connection: connections / rate seconds apart gives the rate overall.
        await File.WriteAllTextAsync(script, rate is { } r
            ? $"function delay() return {Math.Max(1, (int)Math.Round(connections * 1000.0 / r))} end\n"
            : "");
        try
        {
            var start = new ProcessStartInfo("/usr/bin/wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "-t1", $"-c{connections}", $"-d{(int)duration.TotalSeconds}s", "--latency", "-s", script, ApiServer.Url + path })
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

            var requests = long.Parse(Requests().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
            var errors = Errors().Match(output) is { Success: true } e ? long.Parse(e.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            var socketErrors = SocketErrors().Match(output) is { Success: true } s ? s.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture)) : 0;
            var rps = double.Parse(Rps().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
            return new Result(requests, rps, Latency("50"), Latency("99"), errors + socketErrors);
        }
        finally
        {
            File.Delete(script);
        }
    }

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex Requests();

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex Rps();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex Errors();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
