using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Campaigns.Deliverables;

/// <summary>Overdue deliverables: unpublished past their due date, per campaign and creator.</summary>
public abstract class ListOverdueDeliverablesTests(ApiFixture fixture) : CampaignsApiTests(fixture)
{
    [Fact]
    public async Task Overdue_lists_unpublished_deliverables_past_due_per_campaign_and_creator()
    {
        var creator = await CreateCreator("Late Creator");
        var (id, _, _) = await CreateCampaign(name: Unique("Late "));
        var (member, _) = await Confirmed(id, creator);
        var (late, _) = await Plan(id, member, dueIn: -3);
        var (onTime, _) = await Plan(id, member, dueIn: 3);

        var json = await (await api.Client(Roles.Viewer).GetAsync($"{Campaigns}/overdue")).Expect(HttpStatusCode.OK);
        var group = json["byCampaign"]!.AsArray().Single(g => (string)g!["campaignId"]! == id)!;
        Assert.Equal([late], group["deliverables"]!.AsArray().Select(d => (string)d!["id"]!));
        Assert.Equal(3, (int)group["deliverables"]![0]!["daysLate"]!);
        var byCreator = json["byCreator"]!.AsArray().Single(g => (string)g!["creatorId"]! == creator)!;
        Assert.Equal("Late Creator", (string)byCreator["creatorName"]!);
        Assert.Equal(1, (int)byCreator["count"]!);

        var later = await (await api.Client().GetAsync($"{Campaigns}/overdue?asOf={Day(10)}")).Expect(HttpStatusCode.OK);
        var ids = later["byCampaign"]!.AsArray().Single(g => (string)g!["campaignId"]! == id)!["deliverables"]!.AsArray().Select(d => (string)d!["id"]!);
        Assert.Equal([late, onTime], ids);
        var other = await (await api.OtherWorkspace().GetAsync($"{Campaigns}/overdue")).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(id, other.ToJsonString(), StringComparison.Ordinal);
    }
}

public sealed class ListOverdueDeliverablesOnSqlite(SqliteApiFixture api) : ListOverdueDeliverablesTests(api), IClassFixture<SqliteApiFixture>;

public sealed class ListOverdueDeliverablesOnSqlServer(SqlServerApiFixture api) : ListOverdueDeliverablesTests(api), IClassFixture<SqlServerApiFixture>;
