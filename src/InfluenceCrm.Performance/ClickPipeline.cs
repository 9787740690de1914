using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using InfluenceCrm.Platform.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InfluenceCrm.Performance;

internal sealed record ClickEvent(string Id, string LinkId, string WorkspaceId, DateTimeOffset ClickedAt, string IpHash, string? UserAgent, string? Referrer, bool IsBot);

/// <summary>
/// Clicks leave the request at once: the redirect queues them, and this writer stores them in batches — raw clicks and,
/// in the same transaction, the per-link daily rollups (never "+1" on a hot row per click). When the queue is full the
/// redirect writes its click synchronously and the overflow metric counts it, so no click is lost silently. On a graceful
/// stop everything still queued is written.
/// </summary>
public sealed partial class ClickPipeline : BackgroundService
{
    public const string MeterName = "InfluenceCrm.Performance";

    private readonly Channel<ClickEvent> queue;
    private readonly Db db;
    private readonly ILogger<ClickPipeline> logger;
    private readonly int batchSize;
    private readonly TimeSpan batchDelay;
    private readonly Counter<long> queued;
    private readonly Counter<long> overflowed;
    private readonly Counter<long> written;
    private long queuedCount;
    private long overflowCount;
    private long writtenCount;

    public ClickPipeline(Db db, IConfiguration configuration, IMeterFactory meters, ILogger<ClickPipeline> logger)
    {
        this.db = db;
        this.logger = logger;
        queue = Channel.CreateBounded<ClickEvent>(new BoundedChannelOptions(configuration.GetValue("Performance:ClickQueueCapacity", 100_000))
        {
            FullMode = BoundedChannelFullMode.Wait, SingleReader = true,
        });
        batchSize = configuration.GetValue("Performance:ClickBatchSize", 2_000);
        batchDelay = TimeSpan.FromMilliseconds(configuration.GetValue("Performance:ClickBatchDelayMs", 20));
        var meter = meters.Create(MeterName);
        queued = meter.CreateCounter<long>("influencecrm.clicks.queued", description: "Clicks queued for batched writing");
        overflowed = meter.CreateCounter<long>("influencecrm.clicks.overflow_written", description: "Clicks written synchronously because the queue was full");
        written = meter.CreateCounter<long>("influencecrm.clicks.written", description: "Clicks stored");
    }

    public sealed record Stats(long Queued, long OverflowWritten, long Written, int Pending);

    public Stats Snapshot() => new(Interlocked.Read(ref queuedCount), Interlocked.Read(ref overflowCount), Interlocked.Read(ref writtenCount), queue.Reader.Count);

    /// <summary>Queues a click; when the queue is full (or closing), writes it now and counts the overflow.</summary>
    internal async ValueTask RecordAsync(ClickEvent click)
    {
        if (queue.Writer.TryWrite(click))
        {
            Interlocked.Increment(ref queuedCount);
            queued.Add(1);
            return;
        }

        await WriteBatchAsync([click], CancellationToken.None);
        Interlocked.Increment(ref overflowCount);
        overflowed.Add(1);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<ClickEvent>(batchSize);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(batchDelay, stoppingToken);
                while (batch.Count < batchSize && queue.Reader.TryRead(out var click))
                {
                    batch.Add(click);
                }

                await WriteWithRetryAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync drains what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
        var rest = new List<ClickEvent>();
        while (queue.Reader.TryRead(out var click))
        {
            rest.Add(click);
            if (rest.Count == batchSize)
            {
                await WriteWithRetryAsync(rest, CancellationToken.None);
                rest.Clear();
            }
        }

        await WriteWithRetryAsync(rest, CancellationToken.None);
    }

    private async Task WriteWithRetryAsync(List<ClickEvent> batch, CancellationToken ct)
    {
        for (var attempt = 1; batch.Count > 0; attempt++)
        {
            try
            {
                await WriteBatchAsync(batch, CancellationToken.None);
                return;
            }
            catch (System.Data.Common.DbException e) when (attempt < 5)
            {
                LogRetry(logger, batch.Count, attempt, e);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), ct.IsCancellationRequested ? CancellationToken.None : ct);
            }
        }
    }

    /// <summary>Writes a batch; if some of its clicks were already stored (a retried batch), writes the rest one by one.</summary>
    internal async Task WriteBatchAsync(IReadOnlyList<ClickEvent> batch, CancellationToken ct)
    {
        var stored = batch.Count;
        try
        {
            await WriteOnceAsync(batch, ct);
        }
        catch (AlreadyStoredException) when (batch.Count > 1)
        {
            stored = 0;
            foreach (var click in batch)
            {
                try
                {
                    await WriteOnceAsync([click], ct);
                    stored++;
                }
                catch (AlreadyStoredException)
                {
                    // Stored by the earlier attempt, rollups included.
                }
            }
        }

        Interlocked.Add(ref writtenCount, stored);
        written.Add(stored);
    }

    private sealed class AlreadyStoredException : Exception;

    /// <summary>One transaction: the clicks, then the daily rollups, visitors and unique counts of the links and days they touch.</summary>
    private Task WriteOnceAsync(IReadOnlyList<ClickEvent> batch, CancellationToken ct)
    {
        var sqlServer = db.Provider == DatabaseProvider.SqlServer;
        string Time(DateTimeOffset t) => t.UtcDateTime.ToString(sqlServer ? "yyyy-MM-dd'T'HH:mm:ss.fffffff" : "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        string Day(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var clicks = !sqlServer ? "" : JsonSerializer.Serialize(batch.Select(c => new
        {
            id = c.Id, linkId = c.LinkId, workspaceId = c.WorkspaceId, clickedAt = Time(c.ClickedAt), ipHash = c.IpHash,
            userAgent = c.UserAgent, referrer = c.Referrer, isBot = c.IsBot ? 1 : 0,
        }));
        var daily = JsonSerializer.Serialize(batch.GroupBy(c => (c.LinkId, c.WorkspaceId, Day: Day(c.ClickedAt))).Select(g => new
        {
            linkId = g.Key.LinkId, workspaceId = g.Key.WorkspaceId, day = g.Key.Day, clicks = g.Count(), humanClicks = g.Count(c => !c.IsBot),
        }));
        var visitors = JsonSerializer.Serialize(batch.Where(c => !c.IsBot).Select(c => new { linkId = c.LinkId, day = Day(c.ClickedAt), ipHash = c.IpHash }).Distinct());

        return db.InTransactionAsync(async (c, tx) =>
        {
            var stored = sqlServer ? await c.ExecuteAsync(ClickSql.InsertClicks, new { Rows = clicks }, tx, ct) : await InsertPreparedAsync(c, tx, batch, ct);
            if (stored != batch.Count)
            {
                throw new AlreadyStoredException();
            }

            await c.ExecuteAsync(ClickSql.UpsertDaily, new { Rows = daily }, tx, ct);
            await c.ExecuteAsync(ClickSql.InsertVisitors, new { Rows = visitors }, tx, ct);
            await c.ExecuteAsync(ClickSql.RecountVisitors, new { Rows = daily }, tx, ct);
        }, ct);
    }

    /// <summary>SQLite: one prepared single-row insert executed per click, all in the batch's transaction.</summary>
    private static async Task<int> InsertPreparedAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, IReadOnlyList<ClickEvent> batch,
        CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = ClickSql.InsertClick.Sqlite;
        System.Data.Common.DbParameter Add(string name)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
            return parameter;
        }

        var (id, link, ws, at, ip, ua, referrer, bot) = (Add("@Id"), Add("@LinkId"), Add("@WorkspaceId"), Add("@ClickedAt"), Add("@IpHash"), Add("@UserAgent"), Add("@Referrer"), Add("@IsBot"));
        command.Prepare();
        var stored = 0;
        foreach (var click in batch)
        {
            id.Value = click.Id;
            link.Value = click.LinkId;
            ws.Value = click.WorkspaceId;
            at.Value = Db.SqliteTimestamp(click.ClickedAt);
            ip.Value = click.IpHash;
            ua.Value = (object?)click.UserAgent ?? DBNull.Value;
            referrer.Value = (object?)click.Referrer ?? DBNull.Value;
            bot.Value = click.IsBot ? 1 : 0;
            try
            {
                stored += await command.ExecuteNonQueryAsync(ct);
            }
            catch (Exception e) when (DbErrors.IsUniqueViolation(e))
            {
                // Already stored by an earlier attempt: not counted, so the caller falls back to click-by-click.
            }
        }

        return stored;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} clicks failed (attempt {Attempt}); retrying")]
    private static partial void LogRetry(ILogger logger, int count, int attempt, Exception exception);
}
