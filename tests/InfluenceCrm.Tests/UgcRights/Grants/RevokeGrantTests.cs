using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.UgcRights.Grants;

/// <summary>A revocation in the future covers until then and shows in the alert lists.</summary>
public abstract class RevokeGrantTests(ApiFixture fixture) : UgcRightsApiTests(fixture)
{
    [Fact]
    public async Task A_revocation_in_the_future_covers_until_then_and_shows_in_the_alert_lists()
    {
        var asset = await Asset();
        var (grant, etag) = await Grant(asset, Terms());
        var revoked = await api.Client(Roles.Legal).Send(HttpMethod.Post, $"{Ugc}/grants/{grant}/revocation", new { effectiveOn = Day(10), reason = "Author asked to stop" }, ifMatch: etag);
        await revoked.Expect(HttpStatusCode.OK);

        Assert.Equal("allowed", (string)(await Check(asset, dateIn: 9))["verdict"]!);
        Assert.Equal(["revoked"], Codes(await Check(asset, dateIn: 10)));

        await (await api.Client().PostJson($"{Ugc}/assets/{asset}/usages", new { channel = "website", territory = "FR", from = Day(-5) })).Expect(HttpStatusCode.Created);
        var takedowns = await (await api.Client(Roles.Viewer).GetAsync($"{Ugc}/takedowns?withinDays=30")).Expect(HttpStatusCode.OK);
        var item = takedowns["items"]!.AsArray().Single(i => (string)i!["assetId"]! == asset)!;
        Assert.Equal("before", (string)item["urgency"]!);
        Assert.Equal(Day(10), (string)item["takeDownBefore"]!);
        Assert.Equal("revoked", (string)item["reasons"]![0]!["code"]!);

        var expiring = await (await api.Client().GetAsync($"{Ugc}/grants/expiring?withinDays=15")).Expect(HttpStatusCode.OK);
        Assert.Contains(expiring["items"]!.AsArray(), g => (string)g!["id"]! == grant);
        await (await api.Client().Send(HttpMethod.Post, $"{Ugc}/grants/{grant}/revocation", new { effectiveOn = Day(20), reason = "again" }, ifMatch: "*")).Expect(HttpStatusCode.Conflict);
    }
}

public sealed class RevokeGrantOnSqlite(SqliteApiFixture api) : RevokeGrantTests(api), IClassFixture<SqliteApiFixture>;

public sealed class RevokeGrantOnSqlServer(SqlServerApiFixture api) : RevokeGrantTests(api), IClassFixture<SqlServerApiFixture>;
