using System.Net;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using static InfluenceCrm.Tests.Campaigns.CampaignSetup;

namespace InfluenceCrm.Tests.Campaigns.Deliverables;

/// <summary>
/// The overdue count (GET /api/v1/campaigns/overdue/count, Today's card): the same deliverables as the overdue list, counted
/// without loading them; cancelled deliverables and other workspaces left out; asOf moves the line.
/// </summary>
public sealed class CountOverdueDeliverablesTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    /// <summary>How many the overdue list holds, read page after page.</summary>
    private async Task<int> ListedAsync(string asOf) => (await CampaignsApiTests.AllOverdue(api.Client(), asOf)).Count;

    [Fact]
    public async Task The_count_is_the_overdue_lists_total_without_cancelled_ones_nor_other_workspaces()
    {
        var (campaign, member) = await WithRosterAsync(api.Client(), Unique("Overdue "));
        async Task<(string Url, string ETag)> Plan(int dueIn)
        {
            var planned = await api.Client().PostJson($"{CampaignsRoute}/{campaign}/deliverables",
                new { rosterMemberId = member, platform = "instagram", format = "post", market = "FR", dueOn = Day(dueIn) });
            return ($"{CampaignsRoute}/{campaign}/deliverables/{(string)(await planned.Expect(HttpStatusCode.Created))["id"]!}", planned.ETag());
        }

        Assert.Equal(0, await OverdueCountAsync(api.Client(Roles.Viewer)));
        await Plan(-5);
        await Plan(-1);
        var (cancelled, etag) = await Plan(-2);
        await Plan(4);
        Assert.Equal(3, await OverdueCountAsync(api.Client(Roles.Viewer)));
        await (await api.Client().Send(HttpMethod.Post, $"{cancelled}/cancellation", new { reason = "Dropped" }, ifMatch: etag)).Expect(HttpStatusCode.OK);

        Assert.Equal(2, await OverdueCountAsync(api.Client(Roles.Viewer)));
        Assert.Equal(await ListedAsync(Day(0)), await OverdueCountAsync(api.Client()));
        Assert.Equal(3, await OverdueCountAsync(api.Client(), $"?asOf={Day(10)}")); // the deliverable due in 4 days is late by then
        Assert.Equal(await ListedAsync(Day(10)), await OverdueCountAsync(api.Client(), $"?asOf={Day(10)}"));
        Assert.Equal(0, await OverdueCountAsync(api.Client(), $"?asOf={Day(-10)}"));
        Assert.Equal(0, await OverdueCountAsync(api.OtherWorkspace()));
        await (await api.Anonymous().GetAsync($"{CampaignsRoute}/overdue/count")).Expect(HttpStatusCode.Unauthorized);
        var refused = await api.Client().GetAsync($"{CampaignsRoute}/overdue/count?asOf=yesterday");
        await refused.Expect(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }
}
