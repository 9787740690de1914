using Microsoft.Extensions.Hosting;

namespace InfluenceCrm.Platform.Data;

/// <summary>
/// A clean-up that deletes what has outlived its use, once an hour, a batch at a time: one statement over a day of rows would
/// lock the table and block the writes that use it meanwhile. A failed pass is retried at the next tick.
/// </summary>
public abstract class HourlyPurge(TimeProvider clock) : BackgroundService
{
    /// <summary>Rows deleted per statement: small enough that SQL Server never escalates to a table lock (5,000 locks).</summary>
    public const int BatchSize = 1000;

    /// <summary>The clock of the timer, and of the cut-offs the passes compute.</summary>
    protected TimeProvider Clock { get; } = clock;

    /// <summary>Runs one batch (a statement taking @Batch rows at the most) until one deletes fewer than a batch; the rows deleted.</summary>
    public static async Task<int> UntilDoneAsync(Func<Task<int>> deleteBatch)
    {
        var purged = 0;
        int deleted;
        do
        {
            deleted = await deleteBatch();
            purged += deleted;
        }
        while (deleted == BatchSize);

        return purged;
    }

    /// <summary>One pass over everything this clean-up deletes.</summary>
    protected abstract Task PassAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), Clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PassAsync(stoppingToken);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                // The next tick tries again; a missed purge only delays clean-up.
            }
        }
    }
}
