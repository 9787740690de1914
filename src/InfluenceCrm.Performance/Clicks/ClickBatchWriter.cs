using InfluenceCrm.Platform.Data;

namespace InfluenceCrm.Performance.Clicks;

/// <summary>
/// Stores one batch of clicks in one transaction: the raw clicks and, from the clicks actually added (a retried batch may
/// hold some already stored), the per-link and per-campaign daily rollups and the visitors new to their link and day.
/// Returns how many clicks it added. Each engine has its part: ClickBatchWriter.Sqlite.cs (below ADO.NET, through
/// <see cref="NativeStatement"/>) and ClickBatchWriter.SqlServer.cs (the batch as JSON).
/// </summary>
internal static partial class ClickBatchWriter
{
    public static Task<int> WriteAsync(Db db, UserAgentIds userAgents, IReadOnlyList<ClickEvent> batch, CancellationToken ct) =>
        batch.Count == 0 ? Task.FromResult(0)
        : db.Provider == DatabaseProvider.SqlServer ? WriteSqlServerAsync(db, batch, ct)
        : WriteSqliteInRowsAsync(db, userAgents, batch, ct);

    /// <summary>Some clicks of the batch were stored by an earlier attempt: it is written again click by click.</summary>
    private sealed class AlreadyStoredException : Exception;
}
