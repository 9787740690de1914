namespace InfluenceCrm.Benchmarks;

/// <summary>What one load run measured: requests per second, latency percentiles (ms) and failed requests.</summary>
internal sealed record LoadRun(double Rps, double P50Ms, double P99Ms, long Errors);

/// <summary>A load generator on core 1: wrk when installed, else our HttpClient loop.</summary>
internal interface ILoadGenerator
{
    string Name { get; }

    /// <summary>Closed loop: each connection sends its next request as soon as the previous one is answered.</summary>
    Task<LoadRun> ClosedAsync(string path, int connections, TimeSpan duration);

    /// <summary>Paced to about <paramref name="rate"/> requests per second overall.</summary>
    Task<LoadRun> PacedAsync(string path, int rate, TimeSpan duration);
}
