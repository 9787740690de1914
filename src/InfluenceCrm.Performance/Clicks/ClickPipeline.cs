using System.Diagnostics.Metrics;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InfluenceCrm.Performance.Clicks;

/// <summary>A click on its way to storage (a struct: the queue holds it without an allocation per click).</summary>
internal readonly record struct ClickEvent(long Id, string LinkId, string WorkspaceId, string CampaignId, DateTimeOffset ClickedAt, VisitorHash Visitor,
    string? UserAgent, string? Referrer, bool IsBot);

/// <summary>
/// Clicks leave the request at once: the redirect queues them, and this writer stores them in batches — raw clicks and,
/// in the same transaction, the per-link daily rollups (never "+1" on a hot row per click). When the queue is full the
/// redirect writes its click synchronously and the overflow metric counts it, so no click is lost silently. On a graceful
/// stop everything still queued is written; if the database is away then, what cannot be written is counted as lost and
/// logged, and the stop completes (it never throws: a throwing stop aborted the process and lost the queue uncounted).
/// Losses are logged as one summary line per second, not one line per click.
/// </summary>
public sealed partial class ClickPipeline : BackgroundService
{
    public const string MeterName = "InfluenceCrm.Performance";

    private readonly Channel<ClickEvent> queue;
    private readonly Db db;
    private readonly DatabaseHealth databaseHealth;
    private readonly UserAgentIds userAgents = new();
    private readonly ITimer lossLogTimer;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> lostByWorkspace = new(StringComparer.Ordinal);
    private long lostNotLogged;
    private string lastLossReason = "";
    private volatile bool databaseAway;
    private volatile bool gaveUp;
    private readonly ILogger<ClickPipeline> logger;
    private readonly int batchSize;
    private readonly TimeSpan batchDelay;
    private readonly int writerNice;
    private readonly Counter<long> queued;
    private readonly Counter<long> overflowed;
    private readonly Counter<long> written;
    private readonly Counter<long> lost;
    private long queuedCount;
    private long overflowCount;
    private long writtenCount;
    private long lostCount;

    public ClickPipeline(Db db, DatabaseHealth databaseHealth, IConfiguration configuration, IMeterFactory meters, TimeProvider clock,
        ILogger<ClickPipeline> logger)
    {
        this.db = db;
        this.databaseHealth = databaseHealth;
        this.logger = logger;
        lossLogTimer = clock.CreateTimer(_ => LogLosses(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        queue = Channel.CreateBounded<ClickEvent>(new BoundedChannelOptions(configuration.GetValue("Performance:ClickQueueCapacity", 100_000))
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        batchSize = configuration.GetValue("Performance:ClickBatchSize", 2_000);
        batchDelay = TimeSpan.FromMilliseconds(configuration.GetValue("Performance:ClickBatchDelayMs", 20));
        writerNice = configuration.GetValue("Performance:ClickWriterNice", 5);
        var meter = meters.Create(MeterName);
        queued = meter.CreateCounter<long>("influencecrm.clicks.queued", description: "Clicks queued for batched writing");
        overflowed = meter.CreateCounter<long>("influencecrm.clicks.overflow_written", description: "Clicks written synchronously because the queue was full");
        written = meter.CreateCounter<long>("influencecrm.clicks.written", description: "Clicks stored");
        lost = meter.CreateCounter<long>("influencecrm.clicks.lost", description: "Clicks that could not be stored (queue full and the database failing)");
    }

    public sealed record Stats(long Queued, long OverflowWritten, long Written, int Pending, long Lost);

    public Stats Snapshot() =>
        new(Interlocked.Read(ref queuedCount), Interlocked.Read(ref overflowCount), Interlocked.Read(ref writtenCount), queue.Reader.Count,
        Interlocked.Read(ref lostCount));

    /// <summary>
    /// Queues a click; when the queue is full (or closing), writes it now and counts the overflow. While the database is
    /// away (the writer's batch is failing) or if that write fails too, the visitor still gets the redirect, and the click
    /// is counted as lost and logged: a link that stops working would cost more than the click.
    /// </summary>
    internal async ValueTask RecordAsync(ClickEvent click)
    {
        if (queue.Writer.TryWrite(click))
        {
            Interlocked.Increment(ref queuedCount);
            queued.Add(1);
            return;
        }

        if (databaseAway)
        {
            CountLost([click], "the queue is full and the database is away");
            return;
        }

        try
        {
            await WriteBatchAsync([click], CancellationToken.None);
            Interlocked.Increment(ref overflowCount);
            overflowed.Add(1);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            databaseHealth.Report(e);
            CountLost([click], e.Message);
        }
    }

    /// <summary>Clicks of one workspace this instance could not store since it started.</summary>
    public long LostFor(string workspaceId) => lostByWorkspace.TryGetValue(workspaceId, out var count) ? count : 0;

    private void CountLost(IReadOnlyCollection<ClickEvent> clicks, string reason)
    {
        foreach (var group in clicks.GroupBy(c => c.WorkspaceId))
        {
            lostByWorkspace.AddOrUpdate(group.Key, group.Count(), (_, n) => n + group.Count());
        }

        var count = clicks.Count;
        Interlocked.Add(ref lostCount, count);
        Interlocked.Add(ref lostNotLogged, count);
        lost.Add(count);
        lastLossReason = reason;
    }

    /// <summary>One line a second at most, however many clicks were lost in it.</summary>
    private void LogLosses()
    {
        var count = Interlocked.Exchange(ref lostNotLogged, 0);
        if (count > 0)
        {
            LogLost(logger, count, lastLossReason);
        }
    }

    /// <summary>
    /// The writer runs on its own thread, not on the thread pool: a batch is a few milliseconds of synchronous SQLite work,
    /// and on a small machine it would otherwise hold the pool's only worker while redirects wait behind it (measured: the
    /// p99 of the redirect under load). On its own thread the operating system's scheduler shares the core between both.
    /// </summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                YieldToRequests();
                WriteUntilStopped(stoppingToken);
                finished.SetResult();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                finished.SetResult(); // Stopping: StopAsync drains what is left.
            }
            catch (Exception e)
            {
                finished.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "Click writer",
        };
        thread.Start();
        return finished.Task;
    }

    /// <summary>
    /// On Linux the writer thread runs at nice 5: a redirect that arrives while a batch is being written gets the core
    /// first, and the writer still gets a quarter of a contended core, several times what it needs at the redirect's
    /// full rate (measured: README, Benchmarks). .NET's Thread.Priority does nothing on Linux, hence setpriority.
    /// </summary>
    private void YieldToRequests()
    {
        if (OperatingSystem.IsLinux() && writerNice > 0 && NativeMethods.SetPriority(0, NativeMethods.GetTid(), writerNice) != 0)
        {
            LogNiceRefused(logger, Marshal.GetLastPInvokeError());
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
        public static extern int SetPriority(int which, int who, int priority);

        [DllImport("libc", EntryPoint = "gettid")]
        public static extern int GetTid();
    }

    private void WriteUntilStopped(CancellationToken stoppingToken)
    {
        var batch = new List<ClickEvent>(batchSize);
        while (queue.Reader.WaitToReadAsync(stoppingToken).AsTask().GetAwaiter().GetResult())
        {
            // Let a batch gather; then write full batches until the queue is empty.
            if (stoppingToken.WaitHandle.WaitOne(batchDelay))
            {
                return;
            }

            do
            {
                batch.Clear();
                while (batch.Count < batchSize && queue.Reader.TryRead(out var click))
                {
                    batch.Add(click);
                }

                // Database calls complete synchronously on SQLite; on SQL Server this thread waits, which is what it is for.
                WriteWithRetryAsync(batch, stoppingToken).GetAwaiter().GetResult();
            }
            while (batch.Count == batchSize);
        }
    }

    /// <summary>The stop's deadline (the host's shutdown timeout): writes at stop give up when it passes, and count the rest.</summary>
    private CancellationToken stopDeadline = CancellationToken.None;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        stopDeadline = cancellationToken;
        queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
        var rest = new List<ClickEvent>(batchSize);
        try
        {
            do
            {
                rest.Clear();
                while (rest.Count < batchSize && queue.Reader.TryRead(out var click))
                {
                    rest.Add(click);
                }

                await WriteWithRetryAsync(rest, Stopping); // past the stop's deadline it counts the batch as lost
            }
            while (rest.Count > 0);
        }
        catch (Exception e)
        {
            // Never let a stop throw: the host would abort and every click still queued would vanish uncounted.
            while (queue.Reader.TryRead(out var click))
            {
                rest.Add(click);
            }

            CountLost(rest, e.Message);
        }
        finally
        {
            await lossLogTimer.DisposeAsync();
            LogLosses();
        }
    }

    private static readonly CancellationToken Stopping = new(canceled: true);

    /// <summary>
    /// A batch that fails is retried, never dropped: while the service runs, for as long as the database stays away
    /// (waits doubling up to 5 s; meanwhile the queue keeps taking clicks and, once full, they are counted as lost);
    /// once stopping, five more attempts, after which this batch and everything still queued are counted as lost.
    /// </summary>
    private async Task WriteWithRetryAsync(List<ClickEvent> batch, CancellationToken stopping)
    {
        if (gaveUp)
        {
            CountLost(batch, "the database is away at stop");
            return;
        }

        var wait = TimeSpan.FromMilliseconds(100);
        for (var attemptsWhileStopping = 0; ;)
        {
            try
            {
                await WriteBatchAsync(batch, stopDeadline);
                databaseAway = false;
                return;
            }
            catch (OperationCanceledException) when (stopDeadline.IsCancellationRequested)
            {
                gaveUp = true;
                CountLost(batch, "the stop's time ran out");
                return;
            }
            catch (Exception e) when (!stopping.IsCancellationRequested || ++attemptsWhileStopping < 5)
            {
                databaseAway = true;
                databaseHealth.Report(e); // fresh connections for the next attempt
                LogRetry(logger, batch.Count, wait.TotalMilliseconds, e.Message);
            }
            catch (Exception e)
            {
                // Whatever failed, the batch is counted: the writer never drops clicks silently nor dies with them.
                gaveUp = true;
                CountLost(batch, e.Message);
                return;
            }

            try
            {
                await Task.Delay(wait, stopping);
            }
            catch (OperationCanceledException)
            {
                await Task.Delay(100, CancellationToken.None); // stopping began: the last attempts come quickly
            }

            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
        }
    }

    /// <summary>Writes a batch (see ClickBatchWriter) and counts the clicks it added.</summary>
    internal async Task WriteBatchAsync(IReadOnlyList<ClickEvent> batch, CancellationToken ct)
    {
        var added = await ClickBatchWriter.WriteAsync(db, userAgents, batch, ct);
        Interlocked.Add(ref writtenCount, added);
        written.Add(added);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The click writer keeps the default priority (setpriority refused: errno {Errno})")]
    private static partial void LogNiceRefused(ILogger logger, int errno);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} clicks failed ({Reason}); retrying in {WaitMs} ms")]
    private static partial void LogRetry(ILogger logger, int count, double waitMs, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} click(s) could not be stored and are counted as lost (last reason: {Reason})")]
    private static partial void LogLost(ILogger logger, long count, string reason);
}
