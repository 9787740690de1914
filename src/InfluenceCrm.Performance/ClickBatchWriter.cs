using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace InfluenceCrm.Performance;

/// <summary>
/// Stores one batch of clicks in one transaction: the raw clicks and, from the clicks actually added (a retried batch may
/// hold some already stored), the per-link and per-campaign daily rollups and the visitors new to their link and day.
/// Returns how many clicks it added.
/// </summary>
internal static partial class ClickBatchWriter
{
    public static Task<int> WriteAsync(Db db, UserAgentIds userAgents, IReadOnlyList<ClickEvent> batch, CancellationToken ct) =>
        batch.Count == 0 ? Task.FromResult(0)
        : db.Provider == DatabaseProvider.SqlServer ? WriteSqlServerAsync(db, batch, ct)
        : WriteSqliteInRowsAsync(db, userAgents, batch, ct);

    /// <summary>Clicks a statement at a time, unless some of them are already stored (a retried batch): then one by one.</summary>
    private static async Task<int> WriteSqliteInRowsAsync(Db db, UserAgentIds userAgents, IReadOnlyList<ClickEvent> batch, CancellationToken ct)
    {
        try
        {
            return await WriteSqliteAsync(db, userAgents, batch, ClickSql.ClickRowsPerInsert, ct);
        }
        catch (AlreadyStoredException)
        {
            return await WriteSqliteAsync(db, userAgents, batch, 1, ct); // the first attempt's transaction was rolled back
        }
    }

    private sealed class Daily(string workspaceId, string campaignId)
    {
        public string WorkspaceId { get; } = workspaceId;
        public string CampaignId { get; } = campaignId;
        public long Clicks { get; set; }
        public long HumanClicks { get; set; }
        public long NewVisitors { get; set; }
    }

    /// <summary>
    /// SQLite: statements prepared once per batch through SQLitePCL, the layer under Microsoft.Data.Sqlite, and run with
    /// values bound as integers, blobs and UTF-8 bytes, <paramref name="rowsPerInsert"/> clicks an insert. The redirect's
    /// throughput is bounded by what the writer takes from the same core, and ADO.NET's per-execution work (parameter lookup
    /// by name, a data reader per row, strings re-encoded) cost more than SQLite's own (measured: see README, Benchmarks).
    /// The transaction itself stays Microsoft.Data.Sqlite's.
    /// </summary>
    private static async Task<int> WriteSqliteAsync(Db db, UserAgentIds userAgents, IReadOnlyList<ClickEvent> batch, int rowsPerInsert, CancellationToken ct)
    {
        await using var connection = (SqliteConnection)await db.OpenAsync(ct);
        // The writer's commits checkpoint the WAL every 10,000 pages instead of SQLite's 1,000: the pages a stream of
        // clicks rewrites (the tables' and indexes' right edges, the rollups) are copied into the file once per
        // checkpoint, so fewer checkpoints copy each of them fewer times.
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA wal_autocheckpoint = 10000";
            pragma.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        var handle = connection.Handle!;
        using var addUserAgent = new Statement(handle, ClickSql.AddUserAgent.Sqlite);
        var newUserAgents = new Dictionary<string, long>(StringComparer.Ordinal);
        long? UserAgentId(string? userAgent)
        {
            if (userAgent is null)
            {
                return null;
            }

            if (!userAgents.TryGet(userAgent, out var id) && !newUserAgents.TryGetValue(userAgent, out id))
            {
                newUserAgents[userAgent] = id = addUserAgent.Text(1, userAgent).Scalar();
            }

            return id;
        }

        using var insertClick = new Statement(handle, ClickSql.InsertClick.Sqlite);
        using var insertClickRows = rowsPerInsert > 1 ? new Statement(handle, ClickSql.InsertClickRows.Sqlite) : null;
        using var insertVisitor = new Statement(handle, ClickSql.InsertVisitor.Sqlite);
        using var addDaily = new Statement(handle, ClickSql.AddDaily.Sqlite);
        using var addCampaignDaily = new Statement(handle, ClickSql.AddCampaignDaily.Sqlite);
        var daily = new Dictionary<(string LinkId, DateOnly Day), Daily>();
        var visitors = new HashSet<(string LinkId, DateOnly Day, VisitorHash Visitor)>();
        Span<byte> visitor = stackalloc byte[VisitorHash.Length];
        Span<byte> day = stackalloc byte[10];
        var added = 0;
        for (var next = 0; next < batch.Count;)
        {
            var rows = rowsPerInsert > 1 && batch.Count - next >= rowsPerInsert ? rowsPerInsert : 1;
            var insert = rows > 1 ? insertClickRows! : insertClick;
            for (var row = 0; row < rows; row++)
            {
                var click = batch[next + row];
                var first = row * ClickSql.ClickParameters;
                click.Visitor.WriteTo(visitor);
                insert.Integer(first + 1, click.Id).Text(first + 2, click.LinkId).Integer(first + 3, click.ClickedAt.ToUnixTimeMilliseconds()).Blob(first + 4, visitor)
                    .Integer(first + 5, UserAgentId(click.UserAgent)).Text(first + 6, click.Referrer).Integer(first + 7, click.IsBot ? 1 : 0);
            }

            var stored = insert.Run();
            if (stored < rows && rows > 1)
            {
                throw new AlreadyStoredException(); // which of them were is not known: the batch is written again click by click
            }

            if (stored == rows)
            {
                for (var row = 0; row < rows; row++)
                {
                    Count(batch[next + row]);
                }
            }

            next += rows; // else a click stored by an earlier attempt of this batch, rollups included
        }

        void Count(ClickEvent click)
        {
            added++;
            var key = (click.LinkId, DateOnly.FromDateTime(click.ClickedAt.UtcDateTime));
            if (!daily.TryGetValue(key, out var counts))
            {
                daily[key] = counts = new Daily(click.WorkspaceId, click.CampaignId);
            }

            counts.Clicks++;
            if (!click.IsBot)
            {
                counts.HumanClicks++;
                if (visitors.Add((click.LinkId, key.Item2, click.Visitor)))
                {
                    Span<byte> hash = stackalloc byte[VisitorHash.Length];
                    Span<byte> date = stackalloc byte[10];
                    click.Visitor.WriteTo(hash);
                    counts.NewVisitors += insertVisitor.Text(1, click.LinkId).Text(2, DayText(key.Item2, date)).Blob(3, hash).Run();
                }
            }
        }

        var campaignDaily = new Dictionary<(string CampaignId, DateOnly Day), Daily>();
        foreach (var ((linkId, date), counts) in daily)
        {
            addDaily.Text(1, linkId).Text(2, DayText(date, day)).Text(3, counts.WorkspaceId).Integer(4, counts.Clicks).Integer(5, counts.HumanClicks).Integer(6, counts.NewVisitors).Run();
            if (!campaignDaily.TryGetValue((counts.CampaignId, date), out var sums))
            {
                campaignDaily[(counts.CampaignId, date)] = sums = new Daily(counts.WorkspaceId, counts.CampaignId);
            }

            sums.Clicks += counts.Clicks;
            sums.HumanClicks += counts.HumanClicks;
            sums.NewVisitors += counts.NewVisitors;
        }

        foreach (var ((campaignId, date), sums) in campaignDaily)
        {
            addCampaignDaily.Text(1, campaignId).Text(2, DayText(date, day)).Text(3, sums.WorkspaceId).Integer(4, sums.Clicks).Integer(5, sums.HumanClicks).Integer(6, sums.NewVisitors).Run();
        }

        transaction.Commit();
        userAgents.Remember(newUserAgents); // only once committed: a rolled-back id could be given to another agent
        return added;
    }

    /// <summary>A day as the rollups store it (yyyy-MM-dd), written into <paramref name="utf8"/> (10 bytes).</summary>
    private static ReadOnlySpan<byte> DayText(DateOnly day, Span<byte> utf8)
    {
        day.TryFormat(utf8, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return utf8[..written];
    }

    /// <summary>
    /// A prepared statement bound by position (the parameters' order in its text) and run to completion. SQLitePCL prepares
    /// and finalizes it; binding, stepping and resetting, ten calls per click, go to the same e_sqlite3 functions directly
    /// with the handles' pointers: SQLitePCL's per-call SafeHandle reference counting and marshalling cost more than the
    /// binding itself (measured: see README, Benchmarks). The handles outlive every call (the statement is disposed after the
    /// batch, the connection after that).
    /// </summary>
    private sealed class Statement : IDisposable
    {
        private const nint Transient = -1; // SQLITE_TRANSIENT: SQLite copies the value before the call returns

        private readonly sqlite3 db;
        private readonly sqlite3_stmt statement;
        private readonly nint dbPointer;
        private readonly nint pointer;
        private byte[] buffer = new byte[1024];

        public Statement(sqlite3 db, string sql)
        {
            this.db = db;
            Check(raw.sqlite3_prepare_v2(db, sql, out statement));
            dbPointer = db.DangerousGetHandle();
            pointer = statement.DangerousGetHandle();
        }

        public Statement Text(int index, ReadOnlySpan<byte> utf8)
        {
            Check(Native.BindText(pointer, index, utf8, utf8.Length, Transient));
            return this;
        }

        public Statement Text(int index, string? value)
        {
            if (value is null)
            {
                Check(Native.BindNull(pointer, index));
                return this;
            }

            var length = Encoding.UTF8.GetMaxByteCount(value.Length);
            if (buffer.Length < length)
            {
                buffer = new byte[length];
            }

            return Text(index, buffer.AsSpan(0, Encoding.UTF8.GetBytes(value, buffer)));
        }

        public Statement Blob(int index, ReadOnlySpan<byte> value)
        {
            Check(Native.BindBlob(pointer, index, value, value.Length, Transient));
            return this;
        }

        public Statement Integer(int index, long? value)
        {
            Check(value is { } number ? Native.BindInt64(pointer, index, number) : Native.BindNull(pointer, index));
            return this;
        }

        /// <summary>Runs a statement that answers one integer (INSERT … RETURNING: its change is made at the first step).</summary>
        public long Scalar()
        {
            var result = Native.Step(pointer);
            var value = result == raw.SQLITE_ROW ? raw.sqlite3_column_int64(statement, 0) : 0;
            Native.Reset(pointer);
            return result == raw.SQLITE_ROW ? value : throw Failure(result);
        }

        /// <summary>Runs the statement and returns the rows it changed.</summary>
        public int Run()
        {
            var result = Native.Step(pointer);
            Native.Reset(pointer);
            return result == raw.SQLITE_DONE ? Native.Changes(dbPointer) : throw Failure(result);
        }

        private void Check(int result)
        {
            if (result != raw.SQLITE_OK)
            {
                throw Failure(result);
            }
        }

        private SqliteException Failure(int result) => new(raw.sqlite3_errmsg(db).utf8_to_string(), result, raw.sqlite3_extended_errcode(db));

        public void Dispose() => statement.Dispose();
    }

    /// <summary>The e_sqlite3 library SQLitePCL loads (Microsoft.Data.Sqlite's bundle), called with raw pointers.</summary>
    private static partial class Native
    {
        private const string Library = "e_sqlite3";

        [LibraryImport(Library, EntryPoint = "sqlite3_bind_text"), SuppressGCTransition]
        public static partial int BindText(nint statement, int index, ReadOnlySpan<byte> value, int length, nint destructor);

        [LibraryImport(Library, EntryPoint = "sqlite3_bind_blob"), SuppressGCTransition]
        public static partial int BindBlob(nint statement, int index, ReadOnlySpan<byte> value, int length, nint destructor);

        [LibraryImport(Library, EntryPoint = "sqlite3_bind_int64"), SuppressGCTransition]
        public static partial int BindInt64(nint statement, int index, long value);

        [LibraryImport(Library, EntryPoint = "sqlite3_bind_null"), SuppressGCTransition]
        public static partial int BindNull(nint statement, int index);

        // Not SuppressGCTransition: a step writes pages and may wait on the file system.
        [LibraryImport(Library, EntryPoint = "sqlite3_step")]
        public static partial int Step(nint statement);

        // Nor a reset: after a failed step it rolls the statement back.
        [LibraryImport(Library, EntryPoint = "sqlite3_reset")]
        public static partial int Reset(nint statement);

        [LibraryImport(Library, EntryPoint = "sqlite3_changes"), SuppressGCTransition]
        public static partial int Changes(nint db);
    }

    /// <summary>SQL Server: each statement once per batch with the batch as JSON; if some clicks were already stored (a retried batch), click by click.</summary>
    private static async Task<int> WriteSqlServerAsync(Db db, IReadOnlyList<ClickEvent> batch, CancellationToken ct)
    {
        try
        {
            await WriteSqlServerOnceAsync(db, batch, ct);
            return batch.Count;
        }
        catch (AlreadyStoredException) when (batch.Count > 1)
        {
            var added = 0;
            foreach (var click in batch)
            {
                try
                {
                    await WriteSqlServerOnceAsync(db, [click], ct);
                    added++;
                }
                catch (AlreadyStoredException)
                {
                    // Stored by the earlier attempt, rollups included.
                }
            }

            return added;
        }
    }

    private sealed class AlreadyStoredException : Exception;

    /// <summary>SQL Server stores a visitor hash as hex text.</summary>
    private static Task WriteSqlServerOnceAsync(Db db, IReadOnlyList<ClickEvent> batch, CancellationToken ct)
    {
        static string Day(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var clicks = JsonSerializer.Serialize(batch.Select(c => new
        {
            id = c.Id,
            linkId = c.LinkId,
            clickedAt = c.ClickedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
            ipHash = c.Visitor.ToString(),
            userAgent = c.UserAgent,
            referrer = c.Referrer,
            isBot = c.IsBot ? 1 : 0,
        }));
        // Sorted by key: replicas writing batches at once lock rollup and visitor rows in the same order, so they wait for
        // each other instead of deadlocking.
        var daily = JsonSerializer.Serialize(batch.GroupBy(c => (c.LinkId, c.WorkspaceId, Day: Day(c.ClickedAt)))
            .OrderBy(g => g.Key.LinkId, StringComparer.Ordinal).ThenBy(g => g.Key.Day, StringComparer.Ordinal).Select(g => new
            {
                linkId = g.Key.LinkId,
                workspaceId = g.Key.WorkspaceId,
                day = g.Key.Day,
                clicks = g.Count(),
                humanClicks = g.Count(c => !c.IsBot),
            }));
        var campaignDaily = JsonSerializer.Serialize(batch.GroupBy(c => (c.CampaignId, c.WorkspaceId, Day: Day(c.ClickedAt)))
            .OrderBy(g => g.Key.CampaignId, StringComparer.Ordinal).ThenBy(g => g.Key.Day, StringComparer.Ordinal).Select(g => new
            {
                campaignId = g.Key.CampaignId,
                workspaceId = g.Key.WorkspaceId,
                day = g.Key.Day,
                clicks = g.Count(),
                humanClicks = g.Count(c => !c.IsBot),
            }));
        var visitors = JsonSerializer.Serialize(batch.Where(c => !c.IsBot).Select(c => new { linkId = c.LinkId, day = Day(c.ClickedAt), ipHash = c.Visitor.ToString(), campaignId = c.CampaignId }).Distinct()
            .OrderBy(v => v.linkId, StringComparer.Ordinal).ThenBy(v => v.day, StringComparer.Ordinal).ThenBy(v => v.ipHash, StringComparer.Ordinal));
        return db.InTransactionAsync(async (c, tx) =>
        {
            await c.ExecuteAsync(ClickSql.AddUserAgents, new { Rows = clicks }, tx, ct);
            if (await c.ExecuteAsync(ClickSql.InsertClicks, new { Rows = clicks }, tx, ct) != batch.Count)
            {
                throw new AlreadyStoredException();
            }

            await c.ExecuteAsync(ClickSql.UpsertDaily, new { Rows = daily }, tx, ct);
            await c.ExecuteAsync(ClickSql.UpsertCampaignDaily, new { Rows = campaignDaily }, tx, ct);
            await c.ExecuteAsync(ClickSql.AddVisitors, new { Rows = visitors }, tx, ct);
        }, ct);
    }
}
