namespace InfluenceCrm.Benchmarks;

/// <summary>What one load run measured: requests per second, latency percentiles (ms), failed requests and (wrk) the responses received.</summary>
internal sealed record LoadRun(double Rps, double P50Ms, double P99Ms, long Errors, long Responses = 0);

/// <summary>A load generator on core 1: wrk when installed, else our HttpClient loop.</summary>
internal interface ILoadGenerator
{
    /// <summary>
    /// Every request carries a phone browser's User-Agent, as a click from a social app does: without one the redirect
    /// would flag every click as a bot and skip the bot scan and the visitor bookkeeping of human clicks.
    /// </summary>
    public const string UserAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram " +
        "357.0.0.25.101";

    string Name { get; }

    /// <summary>Closed loop: each connection sends its next request as soon as the previous one is answered.</summary>
    Task<LoadRun> ClosedAsync(string path, int connections, TimeSpan duration);

    /// <summary>Paced to about <paramref name="rate"/> requests per second overall.</summary>
    Task<LoadRun> PacedAsync(string path, int rate, TimeSpan duration);
}
