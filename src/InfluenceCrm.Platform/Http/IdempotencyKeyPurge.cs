using InfluenceCrm.Platform.Data;
using Microsoft.Extensions.Hosting;

namespace InfluenceCrm.Platform.Http;

/// <summary>Deletes idempotency records past their 24 hours, hourly, so stored responses do not pile up.</summary>
public sealed class IdempotencyKeyPurge(Db db, TimeProvider clock) : BackgroundService
{
    /// <summary>Rows deleted per statement: small enough that SQL Server never escalates to a table lock (5,000 locks).</summary>
    internal const int BatchSize = 1000;

    // Through the created_at index (migration 0016), a batch at a time: one statement over a day of keys would lock the table
    // and block every idempotent POST meanwhile.
    internal static readonly Sql PurgeExpired = Sql.Per(
        sqlite: """
            DELETE FROM platform_idempotency_keys WHERE rowid IN (SELECT rowid FROM platform_idempotency_keys WHERE created_at < @Cutoff LIMIT @Batch)
            """,
        sqlServer: "DELETE TOP (@Batch) FROM platform_idempotency_keys WHERE created_at < @Cutoff");

    public async Task<int> PurgeAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow() - IdempotencyMiddleware.Lifetime;
        var purged = 0;
        await using var connection = await db.OpenAsync(ct);
        int deleted;
        do
        {
            deleted = await connection.ExecuteAsync(PurgeExpired, new { Cutoff = cutoff, Batch = BatchSize }, ct: ct);
            purged += deleted;
        }
        while (deleted == BatchSize);

        return purged;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                // The next tick tries again; a missed purge only delays clean-up.
            }
        }
    }
}
