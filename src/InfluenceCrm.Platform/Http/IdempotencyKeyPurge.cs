using InfluenceCrm.Platform.Data;

namespace InfluenceCrm.Platform.Http;

/// <summary>Deletes idempotency records past their 24 hours, hourly, so stored responses do not pile up.</summary>
public sealed class IdempotencyKeyPurge(Db db, TimeProvider clock) : HourlyPurge(clock)
{
    // Through the created_at index (migration 0016), a batch at a time: one statement over a day of keys would lock the table
    // and block every idempotent POST meanwhile.
    internal static readonly Sql PurgeExpired = Sql.Per(
        sqlite: """
            DELETE FROM platform_idempotency_keys WHERE rowid IN (SELECT rowid FROM platform_idempotency_keys WHERE created_at < @Cutoff LIMIT @Batch)
            """,
        sqlServer: "DELETE TOP (@Batch) FROM platform_idempotency_keys WHERE created_at < @Cutoff");

    public async Task<int> PurgeAsync(CancellationToken ct)
    {
        var cutoff = Clock.GetUtcNow() - IdempotencyMiddleware.Lifetime;
        await using var connection = await db.OpenAsync(ct);
        return await UntilDoneAsync(() => connection.ExecuteAsync(PurgeExpired, new { Cutoff = cutoff, Batch = BatchSize }, ct: ct));
    }

    protected override Task PassAsync(CancellationToken ct) => PurgeAsync(ct);
}
