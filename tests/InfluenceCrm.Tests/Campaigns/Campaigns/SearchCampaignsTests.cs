using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Campaigns.Campaigns;

/// <summary>GET /api/v1/campaigns: filters by status, brand, market, platform, dates and text.</summary>
public abstract class SearchCampaignsTests(ApiFixture fixture) : CampaignsApiTests(fixture)
{
    [Fact]
    public async Task Search_filters_by_status_brand_market_platform_dates_and_text()
    {
        var tag = Unique("Search");
        var a = await CreateCampaign(new { brand = tag + " Cosmetics", markets = new[] { "FR" }, platforms = new[] { "youtube" }, startsOn = Day(100), endsOn = Day(120) }, tag + " Alpha");
        var b = await CreateCampaign(new { brand = tag + " Cosmetics", markets = new[] { "ES", "IT" }, platforms = new[] { "tiktok" }, startsOn = Day(200), endsOn = Day(220) }, tag + " Beta");
        await SetStatus(b.Id, b.ETag, "planned");

        async Task<string[]> Ids(string query)
        {
            var sort = query.Contains("sort=", StringComparison.Ordinal) ? "" : "&sort=name";
            var json = await (await api.Client(Roles.Viewer).GetAsync($"{Campaigns}?q={Uri.EscapeDataString(tag)}{sort}&{query}")).Expect(HttpStatusCode.OK);
            return json["items"]!.AsArray().Select(i => (string)i!["id"]!).ToArray();
        }

        Assert.Equal([a.Id, b.Id], await Ids(""));
        Assert.Equal([b.Id], await Ids("status=planned"));
        Assert.Equal([a.Id, b.Id], await Ids($"brand={Uri.EscapeDataString(tag.ToUpperInvariant() + " COSMETICS")}"));
        Assert.Equal([b.Id], await Ids("market=IT"));
        Assert.Equal([a.Id], await Ids("platform=youtube"));
        Assert.Equal([a.Id], await Ids($"from={Day(110)}&to={Day(150)}"));
        Assert.Equal([b.Id, a.Id], await Ids("sort=-name"));
        var first = await (await api.Client().GetAsync($"{Campaigns}?q={Uri.EscapeDataString(tag)}&sort=name&limit=1")).Expect(HttpStatusCode.OK);
        var next = await (await api.Client().GetAsync($"{Campaigns}?q={Uri.EscapeDataString(tag)}&sort=name&limit=1&cursor={(string)first["nextCursor"]!}")).Expect(HttpStatusCode.OK);
        Assert.Equal(b.Id, (string)next["items"]![0]!["id"]!);
        await (await api.Client().GetAsync($"{Campaigns}?status=famous")).Expect(HttpStatusCode.BadRequest);
        await (await api.Client().GetAsync($"{Campaigns}?from={Day(10)}&to={Day(1)}")).Expect(HttpStatusCode.BadRequest);
    }
}

public sealed class SearchCampaignsOnSqlite(SqliteApiFixture api) : SearchCampaignsTests(api), IClassFixture<SqliteApiFixture>;

public sealed class SearchCampaignsOnSqlServer(SqlServerApiFixture api) : SearchCampaignsTests(api), IClassFixture<SqlServerApiFixture>;
