using System.Net;
using Dapper;
using InfluenceCrm.Tests.Infrastructure;
using InfluenceCrm.Platform.Data;

namespace InfluenceCrm.Tests.Performance.Clicks;

/// <summary>An application of its own: the tests take the clicks table away from it for a while.</summary>
public sealed class ClickWriterOutageFixture : SqliteApiFixture;

public sealed class ClickWriterOutageOnSqlServerFixture : SqlServerApiFixture;

internal static class ClicksTable
{
    /// <summary>Takes a table away (or gives it back): every statement on it then fails, as in an outage.</summary>
    public static async Task RenameAsync(ApiFixture api, string from, string to)
    {
        await using var c = await api.Db.OpenAsync();
        // names of the tests, never input
        await c.ExecuteAsync(api.Provider == DatabaseProvider.SqlServer ? $"EXEC sp_rename '{from}', '{to}'" : $"ALTER TABLE {from} RENAME TO {to}");
    }

    public static async Task<System.Text.Json.Nodes.JsonNode> LinkAsync(ApiFixture api)
    {
        var setup = await PerformanceApiTests.CampaignAsync(api, 1);
        return await (await api.Client()
            .PostJson("/api/v1/links",
            new { campaignId = setup.CampaignId, deliverableId = setup.Deliverables[0].Id, destination = "https://shop.example.com/" }))
            .Expect(HttpStatusCode.Created);
    }

    /// <summary>The process-wide figures (the operator's metrics), straight from the pipeline.</summary>
    public static InfluenceCrm.Performance.Clicks.ClickPipeline.Stats Stats(ApiFixture api) =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<InfluenceCrm.Performance.Clicks.ClickPipeline>(api.Services).Snapshot();
}

public abstract class ClickWriterOutageTests(ApiFixture api)
{
    [Fact]
    public async Task Clicks_queued_while_the_database_fails_are_stored_once_it_is_back_and_the_service_keeps_running()
    {
        var link = await ClicksTable.LinkAsync(api);
        var linkId = (string)link["id"]!;
        Task<long> Written() => Task.FromResult(ClicksTable.Stats(api).Written);
        Task Rename(string from, string to) => ClicksTable.RenameAsync(api, from, to);

        var before = await Written();
        await Rename("perf_clicks", "perf_clicks_away"); // every batch now fails inside its transaction
        const int clicks = 20;
        for (var i = 0; i < clicks; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await api.Visitor().GetAsync((string)link["shortUrl"]!)).StatusCode);
        }

        await Task.Delay(TimeSpan.FromSeconds(3)); // several failed attempts (the writer used to give up after about one second)
        Assert.Equal(before, await Written());
        await Rename("perf_clicks_away", "perf_clicks");

        for (var i = 0; i < 600 && await Written() < before + clicks; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(before + clicks, await Written());
        await using (var c = await api.Db.OpenAsync())
        {
            Assert.Equal((long)clicks, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM perf_clicks WHERE link_id = @linkId", new { linkId }));
            Assert.Equal((long)clicks, await c.ExecuteScalarAsync<long>("SELECT SUM(clicks) FROM perf_link_daily WHERE link_id = @linkId", new { linkId }));
        }

        Assert.Equal(HttpStatusCode.OK, (await api.Anonymous().GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await api.Visitor().GetAsync((string)link["shortUrl"]!)).StatusCode);
    }
}

public sealed class ClickWriterOutageOnSqlite(ClickWriterOutageFixture api) : ClickWriterOutageTests(api), IClassFixture<ClickWriterOutageFixture>;

public sealed class ClickWriterOutageOnSqlServer(ClickWriterOutageOnSqlServerFixture api) : ClickWriterOutageTests(api),
    IClassFixture<ClickWriterOutageOnSqlServerFixture>;

/// <summary>A queue of one while the clicks table is away: the overflow cannot be written either.</summary>
public abstract class ClickLossTests(ApiFixture api)
{
    [Fact]
    public async Task When_neither_the_queue_nor_the_database_can_take_a_click_the_redirect_still_answers_and_the_loss_is_counted()
    {
        var link = await ClicksTable.LinkAsync(api);
        await ClicksTable.RenameAsync(api, "perf_clicks", "perf_clicks_away");
        const int clicks = 10;
        for (var i = 0; i < clicks; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await api.Visitor().GetAsync((string)link["shortUrl"]!)).StatusCode);
        }

        var stats = ClicksTable.Stats(api);
        Assert.True(stats.Lost > 0, stats.ToString());
        Assert.Equal(clicks, stats.Queued + stats.OverflowWritten + stats.Lost);
        var workspace = await (await api.Client().GetAsync("/api/v1/performance/click-pipeline")).Expect(HttpStatusCode.OK);
        Assert.Equal(stats.Lost, (long)workspace["lostSinceStart"]!); // this workspace's loss, which here is all of it
        Assert.Equal(0L,
            (long)(await (await api.OtherWorkspace().GetAsync("/api/v1/performance/click-pipeline")).Expect(HttpStatusCode.OK))["lostSinceStart"]!);
        await ClicksTable.RenameAsync(api, "perf_clicks_away", "perf_clicks");
    }
}

public sealed class ClickLossOnSqlite(TinyQueueFixture api) : ClickLossTests(api), IClassFixture<TinyQueueFixture>;

public sealed class ClickLossOnSqlServer(TinyQueueOnSqlServerFixture api) : ClickLossTests(api), IClassFixture<TinyQueueOnSqlServerFixture>;
