using System.Net;
using Dapper;
using InfluenceCrm.Performance;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Performance.Clicks;

/// <summary>A queue of one and a slow writer: the overflow path and the drain on a graceful stop.</summary>
public sealed class TinyQueueFixture : SqliteApiFixture
{
    public static readonly IReadOnlyDictionary<string, string?> TinyQueue = new Dictionary<string, string?>
    {
        ["Performance:ClickQueueCapacity"] = "1",
        ["Performance:ClickBatchDelayMs"] = "3000",
    };

    protected override IReadOnlyDictionary<string, string?> Settings => TinyQueue;
}

public sealed class TinyQueueOnSqlServerFixture : SqlServerApiFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => TinyQueueFixture.TinyQueue;
}

public abstract class ClickPipelineTests(ApiFixture api)
{
    [Fact]
    public async Task A_full_queue_still_redirects_writes_the_overflow_and_a_graceful_stop_drains_the_rest()
    {
        var setup = await PerformanceApiTests.CampaignAsync(api, 1);
        var link = await (await api.Client()
            .PostJson("/api/v1/links",
            new { campaignId = setup.CampaignId, deliverableId = setup.Deliverables[0].Id, destination = "https://shop.example.com/" }))
            .Expect(HttpStatusCode.Created);
        var linkId = (string)link["id"]!;

        const int requests = 40;
        var answered = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, requests), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) =>
        {
            var response = await api.Visitor().GetAsync((string)link["shortUrl"]!, ct);
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                Interlocked.Increment(ref answered);
            }
        });
        Assert.Equal(requests, answered);

        var stats = ClicksTable.Stats(api);
        Assert.True(stats.OverflowWritten > 0, stats.ToString());
        Assert.Equal(requests, stats.Queued + stats.OverflowWritten);
        await (await api.Client(Roles.Brand).GetAsync("/api/v1/performance/click-pipeline")).Expect(HttpStatusCode.Forbidden);

        // Stop the app: the clicks still queued (the writer waits 3 s per batch) are written before it ends.
        var db = api.Db;
        await api.StopAppAsync();
        await using var c = await db.OpenAsync();
        Assert.Equal((long)requests, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM perf_clicks WHERE link_id = @linkId", new { linkId }));
        Assert.Equal((long)requests, await c.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT id) FROM perf_clicks WHERE link_id = @linkId", new { linkId }));
        Assert.Equal((long)requests, await c.ExecuteScalarAsync<long>("SELECT SUM(clicks) FROM perf_link_daily WHERE link_id = @linkId", new { linkId }));
    }
}

public sealed class ClickPipelineOnSqlite(TinyQueueFixture api) : ClickPipelineTests(api), IClassFixture<TinyQueueFixture>;

public sealed class ClickPipelineOnSqlServer(TinyQueueOnSqlServerFixture api) : ClickPipelineTests(api), IClassFixture<TinyQueueOnSqlServerFixture>;
