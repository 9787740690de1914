using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Campaigns.Deliverables;

/// <summary>POST …/deliverables: format, roster member, platform and market checked.</summary>
public abstract class PlanDeliverableTests(ApiFixture fixture) : CampaignsApiTests(fixture)
{
    [Fact]
    public async Task Planning_checks_format_roster_platform_and_market()
    {
        var (id, _, _) = await CreateCampaign();
        var (memberId, memberEtag) = await Confirmed(id, await CreateCreator("Planner"));
        var url = $"{Campaigns}/{id}/deliverables";

        var story = await (await api.Client().PostJson(url, new { rosterMemberId = memberId, platform = "instagram", format = "story", market = "FR", dueOn = Day(3) }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.True(story["errors"]!.AsObject().ContainsKey("storyFrames"));
        await (await api.Client().PostJson(url, new { rosterMemberId = memberId, platform = "instagram", format = "story", storyFrames = 4, market = "FR", dueOn = Day(3) }))
            .Expect(HttpStatusCode.Created);
        await (await api.Client().PostJson(url, new { rosterMemberId = memberId, platform = "youtube", format = "video", market = "FR", dueOn = Day(3) })).Expect(HttpStatusCode.Conflict);
        await (await api.Client().PostJson(url, new { rosterMemberId = memberId, platform = "tiktok", format = "short", market = "US", dueOn = Day(3) })).Expect(HttpStatusCode.Conflict);
        await (await api.Client().PostJson(url, new { rosterMemberId = "rm_nobody", platform = "tiktok", format = "short", market = "FR", dueOn = Day(3) })).Expect(HttpStatusCode.BadRequest);
        await (await api.Client().PostJson(url, new { rosterMemberId = memberId, platform = "tiktok", format = "dance", market = "FR" })).Expect(HttpStatusCode.BadRequest);

        await (await api.Client().Send(HttpMethod.Patch, $"{Campaigns}/{id}/roster/{memberId}", new { status = "removed" }, ifMatch: memberEtag)).Expect(HttpStatusCode.OK);
        await (await api.Client().PostJson(url, new { rosterMemberId = memberId, platform = "tiktok", format = "short", market = "FR", dueOn = Day(3) })).Expect(HttpStatusCode.Conflict);
        await (await api.OtherWorkspace().PostJson(url, new { rosterMemberId = memberId, platform = "tiktok", format = "short", market = "FR", dueOn = Day(3) })).Expect(HttpStatusCode.NotFound);
    }
}

public sealed class PlanDeliverableOnSqlite(SqliteApiFixture api) : PlanDeliverableTests(api), IClassFixture<SqliteApiFixture>;

public sealed class PlanDeliverableOnSqlServer(SqlServerApiFixture api) : PlanDeliverableTests(api), IClassFixture<SqlServerApiFixture>;
