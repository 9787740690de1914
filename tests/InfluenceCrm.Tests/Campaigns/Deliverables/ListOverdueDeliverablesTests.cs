using System.Net;
using System.Text.Json.Nodes;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Campaigns.Deliverables;

/// <summary>
/// Overdue deliverables: unpublished past their due date, the longest late first, with their campaign's and creator's
/// names, a page at a time (limit 50 by default, at most 200, and a cursor), like the other lists.
/// </summary>
public abstract class ListOverdueDeliverablesTests(ApiFixture fixture) : CampaignsApiTests(fixture)
{
    [Fact]
    public async Task Overdue_lists_unpublished_deliverables_past_due_with_their_campaign_and_creator()
    {
        var creator = await CreateCreator("Late Creator");
        var (id, _, _) = await CreateCampaign(name: Unique("Late "));
        var (member, _) = await Confirmed(id, creator);
        var (late, _) = await Plan(id, member, dueIn: -3);
        var (onTime, _) = await Plan(id, member, dueIn: 3);

        var items = await AllOverdue(api.Client(Roles.Viewer), Day(0));
        var item = Assert.Single(items, i => (string)i["campaignId"]! == id);
        Assert.Equal((late, 3, "Late Creator", creator), ((string)item["id"]!, (int)item["daysLate"]!, (string)item["creatorName"]!,
            (string)item["creatorId"]!));
        Assert.StartsWith("Late ", (string)item["campaignName"]!, StringComparison.Ordinal);

        var later = await AllOverdue(api.Client(), Day(10));
        Assert.Equal([late, onTime], later.Where(i => (string)i["campaignId"]! == id).Select(i => (string)i["id"]!));
        Assert.DoesNotContain(await AllOverdue(api.OtherWorkspace(), Day(10)), i => (string)i["campaignId"]! == id);
    }

    [Fact]
    public async Task The_list_pages_by_cursor_in_due_date_order_without_repeating_or_skipping()
    {
        var creator = await CreateCreator("Paged Creator");
        var (id, _, _) = await CreateCampaign(name: Unique("Paged "));
        var (member, _) = await Confirmed(id, creator);
        var planned = new List<string>();
        foreach (var dueIn in new[] { -4, -2, -2, -2, -1 })
        {
            planned.Add((await Plan(id, member, dueIn: dueIn)).Id);
        }

        var whole = await AllOverdue(api.Client(), Day(0), limit: 200);
        var paged = await AllOverdue(api.Client(), Day(0), limit: 2);
        Assert.Equal(whole.Select(Key), paged.Select(Key));
        Assert.Equal(paged.Count, paged.Select(i => (string)i["id"]!).Distinct().Count());
        Assert.Equal(paged.Select(Key).Order(StringComparer.Ordinal), paged.Select(Key)); // due date, then id
        var mine = paged.Where(i => (string)i["campaignId"]! == id).ToList();
        Assert.Equal(planned[..1], mine.Take(1).Select(i => (string)i["id"]!));
        Assert.Equal(planned[1..4].Order(StringComparer.Ordinal), mine.Skip(1).Take(3).Select(i => (string)i["id"]!));
        Assert.Equal(planned[4], (string)mine[4]["id"]!);

        var first = await (await api.Client().GetAsync($"{Campaigns}/overdue?asOf={Day(0)}")).Expect(HttpStatusCode.OK);
        Assert.True(first["items"]!.AsArray().Count <= 50); // the default page
        Assert.Equal(Day(0), (string)first["asOf"]!);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=201")]
    [InlineData("cursor=not-a-cursor")]
    public async Task A_bad_limit_or_cursor_is_a_problem_not_a_500(string query) =>
        await (await api.Client().GetAsync($"{Campaigns}/overdue?{query}")).Expect(HttpStatusCode.BadRequest);

    private static string Key(JsonNode item) => (string)item["dueOn"]! + " " + (string)item["id"]!;
}

public sealed class ListOverdueDeliverablesOnSqlite(SqliteApiFixture api) : ListOverdueDeliverablesTests(api), IClassFixture<SqliteApiFixture>;

public sealed class ListOverdueDeliverablesOnSqlServer(SqlServerApiFixture api) : ListOverdueDeliverablesTests(api), IClassFixture<SqlServerApiFixture>;
