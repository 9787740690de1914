using Dapper;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace InfluenceCrm.Tests.Platform.Data;

/// <summary>A transaction that meets a transient failure is rolled back and run again; anything else is not.</summary>
public sealed class TransientRetryTests : IDisposable
{
    private readonly SqliteFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task A_transient_failure_rolls_back_and_runs_the_work_again_and_other_errors_do_not()
    {
        var db = await files.MigratedAsync("retry");
        var attempts = 0;
        await db.InTransactionAsync(async (c, tx) =>
        {
            attempts++;
            await c.ExecuteAsync("INSERT INTO platform_settings (name, value, created_at) VALUES ('retry-' || @n, 'x', '2026-01-01T00:00:00.0000000Z')", new { n = attempts }, tx);
            if (attempts == 1)
            {
                throw new SqliteException("database is locked", 5); // SQLITE_BUSY past busy_timeout
            }
        });

        Assert.Equal(2, attempts);
        await using var c = await db.OpenAsync();
        Assert.Equal(["retry-2"], await c.QueryAsync<string>("SELECT name FROM platform_settings WHERE name LIKE 'retry-%'")); // the first attempt rolled back

        var failures = 0;
        await Assert.ThrowsAsync<SqliteException>(() => db.InTransactionAsync((_, _) =>
        {
            failures++;
            throw new SqliteException("disk full", 13);
        }));
        Assert.Equal(1, failures);

        var busy = 0;
        await Assert.ThrowsAsync<SqliteException>(() => db.InTransactionAsync((_, _) =>
        {
            busy++;
            throw new SqliteException("database is locked", 5);
        }));
        Assert.Equal(Db.MaxAttempts, busy);
    }
}
