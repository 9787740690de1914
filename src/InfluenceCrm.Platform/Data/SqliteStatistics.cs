using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InfluenceCrm.Platform.Data;

/// <summary>
/// SQLite plans its queries from table statistics, and without any it guesses: with 100,000 creators it read a page of
/// creators by id through the workspace index — every row of the workspace — instead of the primary key (measured: 37 ms
/// for 20 rows, see README, Benchmarks). PRAGMA optimize gathers the statistics that are missing or stale, cheaply;
/// SQLite's own advice is to run it at start and from time to time. Here: at start (once the migrations have run) and
/// every hour. With 0x10000 it looks at every table: a bare <c>PRAGMA optimize</c> only considers the tables this
/// connection has queried, which on a fresh connection at start is none — a database seeded with 1M creators then kept
/// no statistics, and every page that reads creators by id scanned the whole workspace (Today 942 ms).
/// </summary>
public sealed partial class SqliteStatistics(Db db, TimeProvider clock, ILogger<SqliteStatistics> logger) : BackgroundService
{
    internal static readonly Sql Optimize = Sql.SqliteOnly("PRAGMA optimize = 0x10002");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (db.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await OptimizeAsync(stoppingToken);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e.Message); // the next hour again; queries still run, only with guessed plans
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    public async Task OptimizeAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(Optimize, ct: ct);
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gathering SQLite statistics failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
