using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InfluenceCrm.Media;

/// <summary>
/// Deletes from storage the objects whose rows are gone (queued in media_purges by an erasure, in its transaction), then their
/// queue rows: every Storage:PurgeIntervalSeconds, and soon after an erasure wakes it. An object storage could not delete stays
/// queued and is tried again.
/// </summary>
internal sealed partial class MediaPurge(Db db, IMediaStorage storage, StorageSettings settings, ILogger<MediaPurge> logger) : BackgroundService
{
    private const int Batch = 100;

    public static readonly Sql Queued = Sql.Per(
        sqlite: "SELECT storage_key FROM media_purges ORDER BY queued_at, storage_key LIMIT @Limit",
        sqlServer: "SELECT TOP (@Limit) storage_key FROM media_purges ORDER BY queued_at, storage_key");

    public static readonly Sql Done = Sql.Both("DELETE FROM media_purges WHERE storage_key = @Key");

    private readonly SemaphoreSlim wake = new(0, 1);

    /// <summary>Asks for a pass soon (the erasure that queued the keys commits first: the pass waits a moment, and polls anyway).</summary>
    public void Wake()
    {
        if (wake.CurrentCount == 0)
        {
            try
            {
                wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // already woken
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var woken = await wake.WaitAsync(settings.PurgeInterval, stoppingToken)
                .ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default);
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            if (woken)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                PurgeFailed(logger, e);
            }
        }
    }

    public async Task PurgeAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        foreach (var key in await c.QueryAsync<string>(Queued, new { Limit = Batch }, ct: ct))
        {
            await storage.DeleteAsync(key, ct);
            await c.ExecuteAsync(Done, new { Key = key }, ct: ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting erased media from storage failed; it is tried again")]
    private static partial void PurgeFailed(ILogger logger, Exception exception);

    public override void Dispose()
    {
        wake.Dispose();
        base.Dispose();
    }
}
