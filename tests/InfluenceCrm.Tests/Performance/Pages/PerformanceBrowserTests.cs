using System.Net;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using InfluenceCrm.Tests.Console;
using Microsoft.Playwright;

namespace InfluenceCrm.Tests.Performance.Pages;

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
            for (var i = 0; i < 600 && await c.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(clicks), 0) FROM perf_link_daily WHERE link_id = @id", new { id = (string)link["id"]! }) < 3; i++)
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
        await ConsoleFixture.WaitForPageAsync(page, url => url.Contains("groupBy=platform", StringComparison.Ordinal));
        Assert.Contains("Instagram", await page.Locator("main table").Last.InnerTextAsync(), StringComparison.Ordinal);

        // The CSV is the API's.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download as CSV" }).ClickAsync());
        Assert.StartsWith("report-", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.StartsWith("platform,name,clicks,human_clicks", csv, StringComparison.Ordinal);
        Assert.Contains("instagram,,3,3,1,1500,1000", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_show_their_clicks_and_qr_code_and_are_paused_and_redirected_elsewhere_with_history_and_conversions_say_how_they_were_attributed()
    {
        var setup = await PerformanceApiTests.CampaignAsync(console, creators: 1);
        var page = await console.SignedInAsync(Roles.Brand, "en-GB");
        await page.GotoAsync($"/campaigns/{setup.CampaignId}/links");
        await ConsoleFixture.AccessibleAsync(page);

        // A link created in the browser, for the creator's Instagram post.
        await page.GetByLabel("Deliverable").SelectOptionAsync(setup.Deliverables[0].Id);
        await page.GetByLabel("Destination").FillAsync("https://shop.example.com/serum");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the link" }).ClickAsync();
        await page.WaitForSelectorAsync("h1:has-text('Link ')");
        await ConsoleFixture.AccessibleAsync(page);
        var shortUrl = await page.Locator("#short-url").InputValueAsync();
        Assert.StartsWith("data:image/png;base64,", await page.Locator("figure.qr img").GetAttributeAsync("src"), StringComparison.Ordinal);
        var linkUrl = page.Url;
        for (var i = 0; i < 2; i++)
        {
            var visitor = console.Visitor();
            visitor.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148");
            Assert.Equal(HttpStatusCode.Redirect, (await visitor.GetAsync(new Uri(shortUrl).PathAndQuery)).StatusCode);
        }

        await using (var c = await console.Db.OpenAsync())
        {
            for (var i = 0; i < 600 && await c.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(d.clicks), 0) FROM perf_link_daily d JOIN perf_links l ON l.id = d.link_id WHERE l.campaign_id = @id",
                     new { id = setup.CampaignId }) < 2; i++)
            {
                await Task.Delay(50);
            }
        }

        await page.GotoAsync($"/campaigns/{setup.CampaignId}/links");
        var row = await page.Locator("tbody tr").First.InnerTextAsync();
        Assert.Contains("Perf creator 0 · Instagram · Post\tActive\t2\t2\t1", row, StringComparison.Ordinal);

        // Paused, then sent elsewhere: the old destination goes to the history, the redirect follows.
        await page.GotoAsync(linkUrl);
        await page.GetByLabel("Status").SelectOptionAsync("paused");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.WaitForSelectorAsync("[role=status]:has-text('Saved')");
        Assert.NotEqual(HttpStatusCode.Redirect, (await console.Visitor().GetAsync(new Uri(shortUrl).PathAndQuery)).StatusCode);
        await page.GetByLabel("Status").SelectOptionAsync("active");
        await page.GetByLabel("Destination").FillAsync("https://shop.example.com/serum-v2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.WaitForSelectorAsync("table:has-text('Earlier destinations')");
        Assert.Contains("https://shop.example.com/serum?", await page.Locator("table").InnerTextAsync(), StringComparison.Ordinal);
        var moved = await console.Visitor().GetAsync(new Uri(shortUrl).PathAndQuery);
        Assert.StartsWith("https://shop.example.com/serum-v2?", moved.Headers.Location!.ToString(), StringComparison.Ordinal);

        // A promo code registered in the browser; an order with it is attributed by it, and the page says so.
        await page.GotoAsync($"/campaigns/{setup.CampaignId}/conversions");
        await ConsoleFixture.AccessibleAsync(page);
        var code = "LEA" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register the code" }).ClickAsync();
        await page.WaitForSelectorAsync($"code:has-text('{code}')");
        await (await console.Client(Roles.Integration).PostJson("/api/v1/conversions",
            new { source = "shop", orderId = "A-" + code, amount = new { amount = 5_900, currency = "EUR" }, occurredAt = DateTimeOffset.UtcNow, promoCode = code }))
            .Expect(HttpStatusCode.Created);
        await page.GotoAsync($"/campaigns/{setup.CampaignId}/conversions"); // a reload would post the form again
        var conversions = await page.Locator("table").First.InnerTextAsync();
        Assert.Contains("shop · A-" + code, conversions, StringComparison.Ordinal);
        Assert.Contains("By promo code", conversions, StringComparison.Ordinal);
        Assert.Contains("€59.00", conversions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ga4_export_dropped_on_the_report_page_shows_as_ga4_s_figures_beside_ours()
    {
        var setup = await PerformanceApiTests.CampaignAsync(console, creators: 1);
        var page = await console.SignedInAsync(Roles.Brand, "en-GB");
        await page.GotoAsync($"/campaigns/{setup.CampaignId}/report?groupBy=deliverable");
        var file = $"# Start date: {DateTime.UtcNow.AddDays(-7):yyyyMMdd}\n# End date: {DateTime.UtcNow.AddDays(-1):yyyyMMdd}\n\n"
            + "Session source / medium,Session manual ad content,Sessions,Engaged sessions,Key events,Total revenue\n"
            + $"instagram / influencer,{setup.Deliverables[0].Id},1234,800,12,456.70\nGrand total,,1234,800,12,456.70\n";
        await page.Locator("#export-file").SetInputFilesAsync(new FilePayload { Name = "GA4 export.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(file) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await page.WaitForSelectorAsync("#imported-title");
        await ConsoleFixture.AccessibleAsync(page);
        Assert.Equal("Google Analytics 4 · UTF-8", await page.Locator("#imported-title").InnerTextAsync());
        Assert.Contains("Rows: 2 · created 1", (await page.Locator("[role=status]").InnerTextAsync()).Replace("Created", "created"), StringComparison.OrdinalIgnoreCase);
        var table = await page.Locator("table:has(th:has-text('GA4 sessions'))").InnerTextAsync();
        Assert.Contains("1,234\t12\t€456.70", table, StringComparison.Ordinal);
    }
}
