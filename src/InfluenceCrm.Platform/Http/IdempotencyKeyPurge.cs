using InfluenceCrm.Platform.Data;
using Microsoft.Extensions.Hosting;

namespace InfluenceCrm.Platform.Http;

/// <summary>Deletes idempotency records past their 24 hours, hourly, so stored responses do not pile up.</summary>
public sealed class IdempotencyKeyPurge(Db db, TimeProvider clock) : BackgroundService
{
    internal static readonly Sql PurgeExpired = Sql.Both("DELETE FROM platform_idempotency_keys WHERE created_at < @Cutoff");

    public async Task<int> PurgeAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteAsync(PurgeExpired, new { Cutoff = clock.GetUtcNow() - IdempotencyMiddleware.Lifetime }, ct: ct);
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
            catch (System.Data.Common.DbException)
            {
                // The next tick tries again; a missed purge only delays clean-up.
            }
        }
    }
}
