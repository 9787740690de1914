using System.Net;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using InfluenceCrm.Tests.Performance;
using Microsoft.Playwright;

namespace InfluenceCrm.Tests.Console;

/// <summary>The performance views in a real browser: the campaign report's tiles, charts, table and CSV; links with their QR code.</summary>
public sealed class PerformanceBrowserTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task A_campaign_report_shows_its_figures_against_the_objectives_as_tiles_charts_and_a_table_and_downloads_as_csv()
    {
        var page = await console.SignedInAsync(Roles.Viewer, "en-GB");
        var setup = await PerformanceApiTests.CampaignAsync(console, creators: 2);
        var link = await (await console.Client(Roles.Integration).PostJson("/api/v1/links",
            new { campaignId = setup.CampaignId, deliverableId = setup.Deliverables[0].Id, destination = "https://shop.example.com/serum" })).Expect(HttpStatusCode.Created);
        for (var i = 0; i < 3; i++)
        {
            var visitor = console.Visitor();
            visitor.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148");
            Assert.Equal(HttpStatusCode.Redirect, (await visitor.GetAsync(new Uri((string)link["shortUrl"]!).PathAndQuery)).StatusCode);
        }

        var code = "LEA" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await (await console.Client().PostJson("/api/v1/promo-codes", new { code, campaignId = setup.CampaignId, creatorId = setup.Creators[0] })).Expect(HttpStatusCode.Created);
        await (await console.Client(Roles.Integration).PostJson("/api/v1/conversions",
            new { source = "shop", orderId = Guid.NewGuid().ToString(), amount = new { amount = 420_000, currency = "EUR" }, occurredAt = DateTimeOffset.UtcNow, promoCode = code }))
            .Expect(HttpStatusCode.Created);
        await (await console.Client(Roles.Integration).PostJson($"/api/v1/performance/campaigns/{setup.CampaignId}/engagement-snapshots", new object[]
        {
            new { deliverableId = setup.Deliverables[0].Id, capturedAt = DateTimeOffset.UtcNow.AddHours(-1), reach = 1000, impressions = 1500, likes = 50, comments = 5, shares = 2, saves = 3 },
        })).Expect(HttpStatusCode.OK);
        await using (var c = await console.Db.OpenAsync())
        {
            for (var i = 0; i < 100 && await c.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(clicks), 0) FROM perf_link_daily WHERE link_id = @id", new { id = (string)link["id"]! }) < 3; i++)
            {
                await Task.Delay(50);
            }
        }

        await page.GotoAsync($"/campaigns/{setup.CampaignId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Performance report" }).ClickAsync();
        await page.WaitForSelectorAsync("h1:has-text('Performance report')");
        await ConsoleFixture.AccessibleAsync(page);

        // The period is the campaign's (30 days before to 30 after today); the tiles hold the totals against the objectives.
        Assert.Equal(DateTime.UtcNow.AddDays(-30).ToString("yyyy-MM-dd"), await page.Locator("#from").InputValueAsync());
        Assert.Equal("3", await page.Locator("[data-kpi=clicks] strong").InnerTextAsync());
        Assert.Equal("target 1,000 · 0%", await page.Locator("[data-kpi=clicks] .target").InnerTextAsync());
        Assert.Equal("1", await page.Locator("[data-kpi=sales] strong").InnerTextAsync());
        Assert.Equal("target 10 · 10%", await page.Locator("[data-kpi=sales] .target").InnerTextAsync());
        Assert.Equal("€4,200.00", await page.Locator("[data-kpi=revenue] strong").InnerTextAsync());
        Assert.Equal("1,500", await page.Locator("[data-kpi=impressions] strong").InnerTextAsync());

        // Four charts, each drawn (SVG) and with its figures as a table.
        Assert.Equal(4, await page.Locator("figure.chart svg").CountAsync());
        Assert.Equal(4, await page.Locator("figure.chart table").CountAsync());
        await page.Locator("#chart-cost summary").ClickAsync();
        var costFigures = await page.Locator("#chart-cost table").InnerTextAsync();
        Assert.Contains("Perf creator 0\t€1,000.00\t€4,200.00", costFigures, StringComparison.Ordinal);

        // The table names the creators; by platform it names the platforms.
        var table = await page.Locator("main table").Last.InnerTextAsync();
        Assert.Contains("Perf creator 0", table, StringComparison.Ordinal);
        Assert.Contains("Perf creator 1", table, StringComparison.Ordinal);
        await page.GetByLabel("Group by").SelectOptionAsync("platform");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("groupBy=platform", StringComparison.Ordinal));
        Assert.Contains("Instagram", await page.Locator("main table").Last.InnerTextAsync(), StringComparison.Ordinal);

        // The CSV is the API's.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download as CSV" }).ClickAsync());
        Assert.StartsWith("report-", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.StartsWith("platform,name,clicks,human_clicks", csv, StringComparison.Ordinal);
        Assert.Contains("instagram,,3,3,1,1500,1000", csv, StringComparison.Ordinal);
    }
}
