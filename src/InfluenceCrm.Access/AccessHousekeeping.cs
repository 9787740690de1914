using InfluenceCrm.Platform.Data;

namespace InfluenceCrm.Access;

/// <summary>
/// Deletes, hourly and a batch at a time, what the Access module keeps only while it can still be used: console sessions a
/// <see cref="Retention"/> after their last request (by then signed out, revoked, or their cookie expired after 12 hours
/// without a request: a live session is never deleted, <see cref="Sessions.TouchEvery"/>), and forgotten-password and portal
/// sign-in links a <see cref="Retention"/> after they expired, used or not. Invitations stay: the audit log names them.
/// </summary>
public sealed class AccessHousekeeping(Db db, TimeProvider clock) : HourlyPurge(clock)
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    internal static readonly Sql PurgeSessions = Sql.Per(
        sqlite: """
            DELETE FROM platform_sessions WHERE rowid IN (SELECT rowid FROM platform_sessions WHERE last_seen_at < @Cutoff LIMIT @Batch)
            """,
        sqlServer: "DELETE TOP (@Batch) FROM platform_sessions WHERE last_seen_at < @Cutoff");

    internal static readonly Sql PurgeResets = Sql.Per(
        sqlite: """
            DELETE FROM platform_password_resets WHERE rowid IN (SELECT rowid FROM platform_password_resets WHERE expires_at < @Cutoff LIMIT @Batch)
            """,
        sqlServer: "DELETE TOP (@Batch) FROM platform_password_resets WHERE expires_at < @Cutoff");

    internal static readonly Sql PurgePortalLinks = Sql.Per(
        sqlite: """
            DELETE FROM platform_portal_links WHERE rowid IN (SELECT rowid FROM platform_portal_links WHERE expires_at < @Cutoff LIMIT @Batch)
            """,
        sqlServer: "DELETE TOP (@Batch) FROM platform_portal_links WHERE expires_at < @Cutoff");

    /// <summary>One pass: how many sessions, reset links and portal links were deleted.</summary>
    public async Task<(int Sessions, int Resets, int PortalLinks)> PurgeAsync(CancellationToken ct)
    {
        var cutoff = Clock.GetUtcNow() - Retention;
        await using var connection = await db.OpenAsync(ct);

        Task<int> DeleteAsync(Sql statement) =>
            UntilDoneAsync(() => connection.ExecuteAsync(statement, new { Cutoff = cutoff, Batch = BatchSize }, ct: ct));

        return (await DeleteAsync(PurgeSessions), await DeleteAsync(PurgeResets), await DeleteAsync(PurgePortalLinks));
    }

    protected override Task PassAsync(CancellationToken ct) => PurgeAsync(ct);
}
