using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Performance.Clicks;
using InfluenceCrm.Performance;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Performance.Reports;

/// <summary>The campaign report over HTTP: its CSV and its figures.</summary>
public abstract class GetCampaignReportTests : PerformanceApiTests
{
    private protected GetCampaignReportTests(ApiFixture api)
        : base(api)
    {
    }

    [Fact]
    public async Task The_report_csv_names_creators_neutralises_formulas_and_states_its_money_unit()
    {
        var setup = await Campaign(1);
        var creator = await api.Client().GetAsync($"/api/v1/creators/{setup.Creators[0]}");
        const string formula = "=HYPERLINK(\"https://evil.example\",\"Léa, \"\"the\"\" creator\")";
        await (await api.Client().Send(HttpMethod.Patch, $"/api/v1/creators/{setup.Creators[0]}", new { displayName = formula }, ifMatch: creator.ETag(),
            contentType: "application/merge-patch+json")).Expect(HttpStatusCode.OK);

        var response = await api.Client().GetAsync($"/api/v1/reports/campaigns/{setup.CampaignId}.csv?groupBy=creator");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Matches("^report-perf-[a-z0-9]+-creator-\\d{4}-\\d{2}-\\d{2}-\\d{4}-\\d{2}-\\d{2}\\.csv$",
            response.Content.Headers.ContentDisposition!.FileNameStar);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal); // CRLF line ends only

        // Read back by a CSV parser: the name is there, next to the id, as text that no spreadsheet evaluates.
        using var reader = CsvHelper.CsvReader.FromText(text, new CsvHelper.CsvReaderOptions { HasHeader = false });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        }

        Assert.Equal(["creator", "name", "clicks"], rows[0][..3]);
        Assert.Contains("revenue (EUR, minor units)", rows[0]);
        var row = rows.Single(r => r[0] == setup.Creators[0]);
        Assert.Equal("'" + formula, row[1]);
        Assert.Equal(["total", "total"], rows[^1][..2]);
    }

    [Fact]
    public async Task The_report_equals_an_independent_computation_over_random_data()
    {
        var setup = await Campaign(3, fee: 90_000);
        var random = new Random(20261122);
        var links = new List<(string LinkId, string DeliverableId, string CreatorId, string Platform)>();
        foreach (var (id, creator, platform) in setup.Deliverables)
        {
            links.Add(((string)(await Link(setup.CampaignId, id))["id"]!, id, creator, platform));
        }

        var ws = api.MainWorkspaceId;
        var clicks = new List<ClickEvent>();
        var clickIds = api.Services.GetRequiredService<ClickIds>();
        for (var i = 0; i < 600; i++)
        {
            var l = links[random.Next(links.Count)];
            var day = random.Next(0, 10);
            clicks.Add(new ClickEvent(await clickIds.NextAsync(), l.LinkId, ws, setup.CampaignId,
                DateTimeOffset.UtcNow.Date.AddDays(-day).AddMinutes(random.Next(0, 1400)),
                new VisitorHash((ulong)random.Next(0, 40), 0, 0, 0), "ua", null, random.Next(5) == 0));
        }

        var pipeline = api.Services.GetRequiredService<ClickPipeline>();
        foreach (var chunk in clicks.Chunk(97))
        {
            await pipeline.WriteBatchAsync(chunk, CancellationToken.None);
        }

        var snapshots = setup.Deliverables.Select(d =>
            (d.Id, Reach: (long)random.Next(1000, 50000), Impressions: (long)random.Next(1000, 90000), Likes: (long)random.Next(0, 900),
            Comments: (long)random.Next(0, 90))).ToList();
        await (await api.Client().PostJson($"/api/v1/performance/campaigns/{setup.CampaignId}/engagement-snapshots",
            snapshots.Select(s =>
                new
                {
                    deliverableId = s.Id,
                    capturedAt = DateTimeOffset.UtcNow.AddHours(-1),
                    reach = s.Reach,
                    impressions = s.Impressions,
                    likes = s.Likes,
                    comments = s.Comments
                }).ToArray()))
            .Expect(HttpStatusCode.OK);
        var orders = new List<(string CreatorId, long Amount)>();
        foreach (var l in links.Take(4))
        {
            var code = "R" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
            await (await api.Client()
                .PostJson("/api/v1/promo-codes", new { code, campaignId = setup.CampaignId, creatorId = l.CreatorId, deliverableId = l.DeliverableId }))
                .Expect(HttpStatusCode.Created);
            var amount = (long)random.Next(1000, 20000);
            await (await api.Client()
                .PostJson("/api/v1/conversions",
                new
                {
                    source = "shop",
                    orderId = Guid.NewGuid().ToString(),
                    amount = new { amount, currency = "EUR" },
                    occurredAt = DateTimeOffset.UtcNow.AddHours(-2),
                    promoCode = code
                }))
                .Expect(HttpStatusCode.Created);
            orders.Add((l.CreatorId, amount));
        }

        var report = await (await api.Client().GetAsync($"/api/v1/reports/campaigns/{setup.CampaignId}?from={Day(-9)}&to={Day(0)}&groupBy=creator"))
            .Expect(HttpStatusCode.OK);
        foreach (var creator in setup.Creators)
        {
            var row = report["rows"]!.AsArray().Single(r => (string)r!["key"]! == creator)!;
            var own = clicks.Where(c => links.Single(l => l.LinkId == c.LinkId).CreatorId == creator).ToList();
            Assert.Equal(own.Count, (long)row["clicks"]!);
            Assert.Equal(own.Count(c => !c.IsBot), (long)row["humanClicks"]!);
            Assert.Equal(own.Where(c => !c.IsBot).Select(c => (c.LinkId, c.ClickedAt.UtcDateTime.Date, c.Visitor)).Distinct().Count(),
                (long)row["uniqueVisitors"]!);
            var ownSnapshots = snapshots.Where(s => setup.Deliverables.Single(d => d.Id == s.Id).CreatorId == creator).ToList();
            var impressions = ownSnapshots.Sum(s => s.Impressions);
            var reach = ownSnapshots.Sum(s => s.Reach);
            var engagements = ownSnapshots.Sum(s => s.Likes + s.Comments);
            Assert.Equal(impressions, (long)row["impressions"]!);
            Assert.Equal(Math.Round((decimal)engagements / reach * 100, 4), (decimal)row["engagementRate"]!);
            Assert.Equal(Math.Round((decimal)own.Count / impressions * 100, 4), (decimal)row["ctr"]!);
            var revenue = orders.Where(o => o.CreatorId == creator).Sum(o => o.Amount);
            Assert.Equal(revenue, (long)row["revenue"]!);
            Assert.Equal(90_000, (long)row["cost"]!);
            Assert.Equal(Math.Round(90_000m / own.Count, 4), (decimal)row["cpc"]!);
            Assert.Equal(revenue == 0 ? 0 : Math.Round(revenue / 90_000m, 4), (decimal)row["roas"]!);
            var emv = ownSnapshots.Sum(s =>
                Math.Round(s.Impressions * (setup.Deliverables.Single(d => d.Id == s.Id).Platform == "instagram" ? 1000m : 800m) / 1000m
                + (s.Likes + s.Comments) * 10m, MidpointRounding.AwayFromZero));
            Assert.Equal((long)emv, (long)row["emv"]!);
        }

        Assert.Equal(clicks.Count, (long)report["totals"]!["clicks"]!);
        var clicksObjective = report["objectives"]!.AsArray().Single(o => (string)o!["kpi"]! == "clicks")!;
        Assert.Equal(clicks.Count, (decimal)clicksObjective["actual"]!);
        Assert.Equal(Math.Round(clicks.Count / 1000m, 4), (decimal)clicksObjective["progress"]!);
        var salesObjective = report["objectives"]!.AsArray().Single(o => (string)o!["kpi"]! == "sales")!;
        Assert.Equal(Math.Round(orders.Count / 10m, 4), (decimal)salesObjective["progress"]!);
        var byDay = await (await api.Client().GetAsync($"/api/v1/reports/campaigns/{setup.CampaignId}?from={Day(-9)}&to={Day(0)}&groupBy=day"))
            .Expect(HttpStatusCode.OK);
        foreach (var row in byDay["rows"]!.AsArray())
        {
            var day = DateTime.Parse((string)row!["key"]!, CultureInfo.InvariantCulture).Date;
            Assert.Equal(clicks.Count(c => c.ClickedAt.UtcDateTime.Date == day), (long)row["clicks"]!);
        }

        var csv = await (await api.Client()
            .GetAsync($"/api/v1/reports/campaigns/{setup.CampaignId}.csv?from={Day(-9)}&to={Day(0)}&groupBy=platform")).Content.ReadAsStringAsync();
        Assert.StartsWith("platform,name,clicks,human_clicks", csv, StringComparison.Ordinal);
        Assert.Contains($"\r\ntotal,total,{clicks.Count},", csv, StringComparison.Ordinal);
        await (await api.Client().GetAsync($"/api/v1/reports/campaigns/{setup.CampaignId}?groupBy=month")).Expect(HttpStatusCode.BadRequest);
        await (await api.OtherWorkspace().GetAsync($"/api/v1/reports/campaigns/{setup.CampaignId}")).Expect(HttpStatusCode.NotFound);
    }
}

public sealed class GetCampaignReportOnSqlite(SqliteApiFixture api) : GetCampaignReportTests(api), IClassFixture<SqliteApiFixture>;

public sealed class GetCampaignReportOnSqlServer(SqlServerApiFixture api) : GetCampaignReportTests(api), IClassFixture<SqlServerApiFixture>;
