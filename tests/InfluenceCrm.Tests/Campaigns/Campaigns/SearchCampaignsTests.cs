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
        var a = await CreateCampaign(new
        {
            brand = tag + " Cosmetics",
            markets = new[] { "FR" },
            platforms = new[] { "youtube" },
            startsOn = Day(100),
            endsOn = Day(120)
        }, tag + " Alpha");
        var b = await CreateCampaign(new
        {
            brand = tag + " Cosmetics",
            markets = new[] { "ES", "IT" },
            platforms = new[] { "tiktok" },
            startsOn = Day(200),
            endsOn = Day(220)
        }, tag + " Beta");
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
        var next = await (await api.Client().GetAsync($"{Campaigns}?q={Uri.EscapeDataString(tag)}&sort=name&limit=1&cursor={(string)first["nextCursor"]!}"))
            .Expect(HttpStatusCode.OK);
        Assert.Equal(b.Id, (string)next["items"]![0]!["id"]!);
        await (await api.Client().GetAsync($"{Campaigns}?status=famous")).Expect(HttpStatusCode.BadRequest);
        await (await api.Client().GetAsync($"{Campaigns}?from={Day(10)}&to={Day(1)}")).Expect(HttpStatusCode.BadRequest);
    }

    /// <summary>
    /// startingOrEnding=true: only the campaigns that start or end in the range (not those running across it, nor those
    /// before or after), ordered by that day, paged by cursor, and counted by /starting-or-ending/count; a workspace of its own.
    /// </summary>
    [Fact]
    public async Task Starting_or_ending_keeps_the_campaigns_that_start_or_end_in_the_range_by_that_day_and_counts_them()
    {
        var (_, admin) = await Workspaces.NewAsync(api);
        async Task<string> Campaign(string name, int startsIn, int endsIn) =>
            (string)(await (await admin.PostJson(Campaigns, NewCampaign(name, new { startsOn = Day(startsIn), endsOn = Day(endsIn) })))
                .Expect(HttpStatusCode.Created))["id"]!;
        var starts = await Campaign("A starts", 300, 340);
        var ends = await Campaign("B ends", 280, 305);
        await Campaign("C across", 290, 330);
        await Campaign("D later", 311, 320);
        await Campaign("F earlier", 250, 299);
        var both = await Campaign("E both", 302, 308);
        var range = $"from={Day(300)}&to={Day(310)}";

        async Task<string[]> Ids(string query) =>
            (await (await admin.GetAsync($"{Campaigns}?{query}")).Expect(HttpStatusCode.OK))["items"]!.AsArray().Select(i => (string)i!["id"]!).ToArray();

        Assert.Equal(4, (await Ids($"{range}&sort=name")).Length); // running on some day of the range: C too
        Assert.Equal([starts, both, ends], await Ids($"{range}&startingOrEnding=true")); // by the day: 300, 302, 305
        Assert.Equal([ends, both, starts], await Ids($"{range}&startingOrEnding=true&sort=-startOrEnd"));
        Assert.Equal([starts, ends, both], await Ids($"{range}&startingOrEnding=true&sort=name"));
        var paged = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await admin.GetAsync($"{Campaigns}?{range}&startingOrEnding=true&limit=1{(cursor is null ? "" : "&cursor=" + cursor)}"))
                .Expect(HttpStatusCode.OK);
            paged.AddRange(page["items"]!.AsArray().Select(i => (string)i!["id"]!));
            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);
        Assert.Equal([starts, both, ends], paged);
        Assert.Equal(3, (int)(await (await admin.GetAsync($"{Campaigns}/starting-or-ending/count?{range}")).Expect(HttpStatusCode.OK))["count"]!);
        var other = await (await api.OtherWorkspace().GetAsync($"{Campaigns}/starting-or-ending/count?{range}")).Expect(HttpStatusCode.OK);
        Assert.Equal(0, (int)other["count"]!);

        await (await admin.GetAsync($"{Campaigns}?from={Day(300)}&startingOrEnding=true")).Expect(HttpStatusCode.BadRequest); // no "to"
        await (await admin.GetAsync($"{Campaigns}?{range}&sort=startOrEnd")).Expect(HttpStatusCode.BadRequest); // that sort needs the filter
        await (await admin.GetAsync($"{Campaigns}/starting-or-ending/count?from={Day(300)}")).Expect(HttpStatusCode.BadRequest);
        await (await admin.GetAsync($"{Campaigns}/starting-or-ending/count?from={Day(310)}&to={Day(300)}")).Expect(HttpStatusCode.BadRequest);
    }
}

public sealed class SearchCampaignsOnSqlite(SqliteApiFixture api) : SearchCampaignsTests(api), IClassFixture<SqliteApiFixture>;

public sealed class SearchCampaignsOnSqlServer(SqlServerApiFixture api) : SearchCampaignsTests(api), IClassFixture<SqlServerApiFixture>;
