using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Performance;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Performance.Links;

/// <summary>The list of links over HTTP, with their clicks and filters.</summary>
public abstract class ListLinksTests : PerformanceApiTests
{
    private protected ListLinksTests(ApiFixture api)
        : base(api)
    {
    }

    [Fact]
    public async Task Links_are_listed_newest_first_with_their_clicks_and_filters()
    {
        var setup = await Campaign(1);
        var first = await Link(setup.CampaignId, setup.Deliverables[0].Id);
        var second = await Link(setup.CampaignId, setup.Deliverables[1].Id);
        for (var i = 0; i < 3; i++)
        {
            var visitor = api.Visitor();
            visitor.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148");
            Assert.Equal(HttpStatusCode.Redirect, (await visitor.GetAsync((string)first["shortUrl"]!)).StatusCode);
        }

        for (var i = 0; i < 600 && await StoredClicks((string)first["id"]!) < 3; i++)
        {
            await Task.Delay(50);
        }

        await Task.Delay(100); // the rollups commit with the clicks
        var page1 = await (await api.Client(Roles.Viewer).GetAsync($"/api/v1/links?campaignId={setup.CampaignId}&limit=1")).Expect(HttpStatusCode.OK);
        Assert.Equal((string)second["id"]!, (string)page1["items"]![0]!["link"]!["id"]!);
        var page2 = await (await api.Client(Roles.Viewer)
            .GetAsync($"/api/v1/links?campaignId={setup.CampaignId}&limit=1&cursor={(string)page1["nextCursor"]!}")).Expect(HttpStatusCode.OK);
        var listed = page2["items"]![0]!;
        Assert.Equal((string)first["id"]!, (string)listed["link"]!["id"]!);
        Assert.Equal(3L, (long)listed["clicks"]!);
        Assert.Equal(3L, (long)listed["humanClicks"]!);
        Assert.Equal(1L, (long)listed["uniqueVisitors"]!);
        Assert.Null((string?)page2["nextCursor"]);
        Assert.Empty((await (await api.Client().GetAsync($"/api/v1/links?campaignId={setup.CampaignId}&status=paused"))
            .Expect(HttpStatusCode.OK))["items"]!.AsArray());
        Assert.Empty((await (await api.OtherWorkspace().GetAsync($"/api/v1/links?campaignId={setup.CampaignId}"))
            .Expect(HttpStatusCode.OK))["items"]!.AsArray());
    }
}

public sealed class ListLinksOnSqlite(SqliteApiFixture api) : ListLinksTests(api), IClassFixture<SqliteApiFixture>;

public sealed class ListLinksOnSqlServer(SqlServerApiFixture api) : ListLinksTests(api), IClassFixture<SqlServerApiFixture>;
