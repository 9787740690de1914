using System.Collections.Concurrent;
using InfluenceCrm.Performance.Clicks;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InfluenceCrm.Performance.Links;

/// <summary>
/// The redirect serves links from memory: all links are loaded at start, then the cache polls for links changed since
/// its last look (every Performance:LinkRefreshMs, 500 by default), so an update made by any instance is seen within a
/// second; a write on this instance is applied at once.
/// </summary>
public sealed partial class LinkCache(Db db, IpHasher ipHasher, ClickIds clickIds, IConfiguration configuration, ILogger<LinkCache> logger) : BackgroundService
{
    internal sealed record Entry(string LinkId, string WorkspaceId, string CampaignId, string Destination, string Status, DateTimeOffset? ExpiresAt,
        long Version);

    private readonly ConcurrentDictionary<string, Entry> links = new(StringComparer.Ordinal);
    private DateTimeOffset since = DateTimeOffset.MinValue;
    private readonly TaskCompletionSource loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal bool TryGet(string code, out Entry? entry) => links.TryGetValue(code, out entry);

    /// <summary>
    /// Keeps the newest version of a link: a poll that read the row just before a write on this instance applied the
    /// write's row would otherwise put the older row back until the next poll.
    /// </summary>
    internal void Apply(PerfStore.LinkRow row)
    {
        // links stored before destinations were kept in ASCII
        var entry = new Entry(row.Id, row.WorkspaceId, row.CampaignId, LinkRules.Ascii(row.Destination), row.Status, row.ExpiresAt, row.Version);
        links.AddOrUpdate(row.Code, entry, (_, known) => known.Version > entry.Version ? known : entry);
    }

    /// <summary>Completes when the first full load is done (the redirect waits for it once, at start).</summary>
    internal Task Loaded => loaded.Task;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        await ipHasher.PrepareAsync(cancellationToken); // today's and tomorrow's visitor salts: a redirect never waits on the database
        await ipHasher.PurgeAsync(cancellationToken); // and salts past their 48 hours go at every start, however often instances restart
        await clickIds.PrepareAsync(cancellationToken); // the click-id key and this instance's block of ids
        loaded.TrySetResult();
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromMilliseconds(configuration.GetValue("Performance:LinkRefreshMs", 500));
        using var timer = new PeriodicTimer(every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (System.Data.Common.DbException e)
            {
                LogRefreshFailed(logger, e);
            }
        }
    }

    internal async Task RefreshAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        // Re-read a little overlap: a row committed with an older timestamp than one already seen is not missed.
        var rows = await connection.QueryAsync<PerfStore.LinkRow>(PerfStore.ChangedSince,
            new { Since = since == DateTimeOffset.MinValue ? since : since.AddSeconds(-2) }, ct: ct);
        foreach (var row in rows)
        {
            Apply(row);
            if (row.UpdatedAt > since)
            {
                since = row.UpdatedAt;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the link cache failed; retrying")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
