using System.Data.Common;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InfluenceCrm.Platform.Data;

/// <summary>
/// What the service knows of its database's health. Faults reported by requests and the click writer clear the
/// connection pools (so the service recovers by itself once the cause is gone) and are logged at most once per reason
/// every few seconds; <c>/health/ready</c> commits a one-row write, because a full disk or a read-only file still
/// answers reads (and a fault reported in the last few seconds keeps it not ready: a full disk may still take the
/// probe's one page); and, on SQLite, a file deleted under the running service is noticed within seconds and logged.
/// </summary>
public sealed partial class DatabaseHealth(Db db, TimeProvider clock, ILogger<DatabaseHealth> logger) : BackgroundService, IHealthCheck
{
    private static readonly Sql Probe = Sql.Both("UPDATE platform_health_probe SET probed_at = @Now WHERE id = 1");
    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(5);

    /// <summary>How long a reported fault keeps the service not ready: a full disk can still take the probe's one page.</summary>
    public static readonly TimeSpan FaultWindow = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();
    private (DateTimeOffset At, string Reason)? lastFault;
    private readonly Dictionary<string, DateTimeOffset> lastLogged = [];
    private bool fileMissing;

    /// <summary>Call with any exception from the database: faults are acted on, other errors are ignored here.</summary>
    public void Report(Exception exception)
    {
        if (!DbErrors.IsUnavailable(exception) || DbErrors.IsContention(exception))
        {
            return;
        }

        db.ClearPools();
        var reason = DbErrors.Describe(exception);
        var now = clock.GetUtcNow();
        lock (gate)
        {
            lastFault = (now, reason);
            if (lastLogged.TryGetValue(reason, out var at) && now - at < LogEvery)
            {
                return;
            }

            lastLogged[reason] = now;
        }

        LogFault(logger, reason, exception);
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (db.SqliteFile is { } file && !File.Exists(file))
        {
            return HealthCheckResult.Unhealthy($"The database file {file} is missing.");
        }

        lock (gate)
        {
            if (lastFault is { } fault && clock.GetUtcNow() - fault.At < FaultWindow)
            {
                return HealthCheckResult.Unhealthy($"{db.Provider} refused a write {(clock.GetUtcNow() - fault.At).TotalSeconds:0.0} s ago: {fault.Reason}.");
            }
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var problem = await db.InTransactionAsync(async (c, tx) =>
            {
                await c.ExecuteAsync(Probe, new { Now = clock.GetUtcNow() }, tx, timeout.Token);
                return await CompatibilityLevel.CheckAsync(c, tx, timeout.Token);
            }, timeout.Token);
            return problem is not null
                ? HealthCheckResult.Unhealthy(problem)
                : HealthCheckResult.Healthy($"{db.Provider} takes writes");
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or OperationCanceledException)
        {
            Report(e);
            return HealthCheckResult.Unhealthy($"{db.Provider} cannot take writes: {(e is OperationCanceledException ? "no answer within 5 s"
                : DbErrors.Describe(e))}.");
        }
    }

    /// <summary>Watches the SQLite file: deleted under the service, every new connection would fail.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (db.SqliteFile is not { } file)
        {
            return;
        }

        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2), clock);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var missing = !File.Exists(file);
                if (missing && !fileMissing)
                {
                    db.ClearPools(); // pooled connections would go on writing into the deleted file, lost at stop
                    LogFileMissing(logger, file);
                }
                else if (!missing && fileMissing)
                {
                    LogFileBack(logger, file);
                }

                fileMissing = missing;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The database cannot serve requests: {Reason}. Requests answer 503 until it recovers")]
    private static partial void LogFault(ILogger logger, string reason, Exception exception);

    [LoggerMessage(Level = LogLevel.Critical,
        Message = "The database file {File} was deleted while the service runs: writes and new connections fail; restore it from a backup")]
    private static partial void LogFileMissing(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database file {File} is back")]
    private static partial void LogFileBack(ILogger logger, string file);
}
