using System.Globalization;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using Microsoft.Data.Sqlite;

namespace InfluenceCrm.Performance.Clicks;

/// <summary>The SQLite half of the click writer.</summary>
internal static partial class ClickBatchWriter
{
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
        using var addUserAgent = new NativeStatement(handle, ClickSql.AddUserAgent.Sqlite);
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

        using var insertClick = new NativeStatement(handle, ClickSql.InsertClick.Sqlite);
        using var insertClickRows = rowsPerInsert > 1 ? new NativeStatement(handle, ClickSql.InsertClickRows.Sqlite) : null;
        using var insertVisitor = new NativeStatement(handle, ClickSql.InsertVisitor.Sqlite);
        using var addDaily = new NativeStatement(handle, ClickSql.AddDaily.Sqlite);
        using var addCampaignDaily = new NativeStatement(handle, ClickSql.AddCampaignDaily.Sqlite);
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
                insert.Integer(first + 1, click.Id).Text(first + 2, click.LinkId).Integer(first + 3, click.ClickedAt.ToUnixTimeMilliseconds())
                    .Blob(first + 4, visitor)
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
            addDaily.Text(1, linkId).Text(2, DayText(date, day)).Text(3, counts.WorkspaceId)
                .Integer(4, counts.Clicks).Integer(5, counts.HumanClicks).Integer(6, counts.NewVisitors).Run();
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
            addCampaignDaily.Text(1, campaignId).Text(2, DayText(date, day)).Text(3, sums.WorkspaceId)
                .Integer(4, sums.Clicks).Integer(5, sums.HumanClicks).Integer(6, sums.NewVisitors).Run();
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
}
