using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Campaigns.Calendar;

/// <summary>The editorial calendar: deliverables between two dates across campaigns.</summary>
public abstract class GetEditorialCalendarTests(ApiFixture fixture) : CampaignsApiTests(fixture)
{
    [Fact]
    public async Task The_calendar_lists_deliverables_between_two_dates_across_campaigns()
    {
        var creator = await CreateCreator("Calendar Creator");
        var (one, _, _) = await CreateCampaign(name: Unique("Cal A "));
        var (two, _, _) = await CreateCampaign(name: Unique("Cal B "));
        var (m1, _) = await Confirmed(one, creator);
        var (m2, _) = await Confirmed(two, creator);
        var (d1, _) = await Plan(one, m1, dueIn: 300);
        var (d2, _) = await Plan(two, m2, platform: "tiktok", format: "short", dueIn: 302);
        await Plan(two, m2, dueIn: 340);

        var json = await (await api.Client(Roles.Viewer).GetAsync($"/api/v1/calendar?from={Day(299)}&to={Day(310)}&creatorId={creator}")).Expect(HttpStatusCode.OK);
        var items = json["items"]!.AsArray();
        Assert.Equal([d1, d2], items.Select(i => (string)i!["deliverable"]!["id"]!));
        Assert.Equal("Calendar Creator", (string)items[0]!["creatorName"]!);
        Assert.StartsWith("Cal A", (string)items[0]!["campaignName"]!, StringComparison.Ordinal);
        var tiktok = await (await api.Client().GetAsync($"/api/v1/calendar?from={Day(299)}&to={Day(310)}&creatorId={creator}&platform=tiktok")).Expect(HttpStatusCode.OK);
        Assert.Equal([d2], tiktok["items"]!.AsArray().Select(i => (string)i!["deliverable"]!["id"]!));
        var paged = await (await api.Client().GetAsync($"/api/v1/calendar?from={Day(299)}&to={Day(310)}&creatorId={creator}&limit=1")).Expect(HttpStatusCode.OK);
        var rest = await (await api.Client().GetAsync($"/api/v1/calendar?from={Day(299)}&to={Day(310)}&creatorId={creator}&limit=1&cursor={(string)paged["nextCursor"]!}")).Expect(HttpStatusCode.OK);
        Assert.Equal([d2], rest["items"]!.AsArray().Select(i => (string)i!["deliverable"]!["id"]!));

        await (await api.Client().GetAsync("/api/v1/calendar")).Expect(HttpStatusCode.BadRequest);
        await (await api.Client().GetAsync($"/api/v1/calendar?from={Day(0)}&to={Day(400)}")).Expect(HttpStatusCode.BadRequest);
        var other = await (await api.OtherWorkspace().GetAsync($"/api/v1/calendar?from={Day(299)}&to={Day(310)}")).Expect(HttpStatusCode.OK);
        Assert.Empty(other["items"]!.AsArray());
    }
}

public sealed class GetEditorialCalendarOnSqlite(SqliteApiFixture api) : GetEditorialCalendarTests(api), IClassFixture<SqliteApiFixture>;

public sealed class GetEditorialCalendarOnSqlServer(SqlServerApiFixture api) : GetEditorialCalendarTests(api), IClassFixture<SqlServerApiFixture>;
