using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.UgcRights.Usages;

/// <summary>The take-down list: a usage no grant covers is to take down now.</summary>
public abstract class ListTakedownsTests(ApiFixture fixture) : UgcRightsApiTests(fixture)
{
    [Fact]
    public async Task A_usage_no_grant_covers_is_to_take_down_now()
    {
        var asset = await Asset();
        await Grant(asset, Terms(channels: ["organic_social"]));
        await (await api.Client().PostJson($"{Ugc}/assets/{asset}/usages", new { channel = "paid_social", territory = "FR", from = Day(-1), until = Day(20) })).Expect(HttpStatusCode.Created);
        await (await api.Client().PostJson($"{Ugc}/assets/{asset}/usages", new { channel = "organic_social", territory = "FR", from = Day(-1), until = Day(20) })).Expect(HttpStatusCode.Created);
        var takedowns = await (await api.Client().GetAsync($"{Ugc}/takedowns")).Expect(HttpStatusCode.OK);
        var items = takedowns["items"]!.AsArray().Where(i => (string)i!["assetId"]! == asset).ToList();
        Assert.Single(items);
        Assert.Equal("now", (string)items[0]!["urgency"]!);
        Assert.Equal("paid_social", (string)items[0]!["channel"]!);
    }
}

public sealed class ListTakedownsOnSqlite(SqliteApiFixture api) : ListTakedownsTests(api), IClassFixture<SqliteApiFixture>;

public sealed class ListTakedownsOnSqlServer(SqlServerApiFixture api) : ListTakedownsTests(api), IClassFixture<SqlServerApiFixture>;
