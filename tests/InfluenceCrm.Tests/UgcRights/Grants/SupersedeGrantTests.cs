using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.UgcRights.Grants;

/// <summary>A superseded grant no longer counts; both stay readable.</summary>
public abstract class SupersedeGrantTests(ApiFixture fixture) : UgcRightsApiTests(fixture)
{
    [Fact]
    public async Task A_superseded_grant_no_longer_counts_and_both_stay_readable()
    {
        var asset = await Asset();
        var (old, etag) = await Grant(asset, Terms(channels: ["organic_social"]));
        await (await api.Client().Send(HttpMethod.Post, $"{Ugc}/grants/{old}/supersession", new JsonObject { ["terms"] = Terms(channels: ["website"]), ["evidence"] = Evidence() }))
            .Expect(HttpStatusCode.PreconditionRequired);
        var response = await api.Client(Roles.Legal).Send(HttpMethod.Post, $"{Ugc}/grants/{old}/supersession",
            new JsonObject { ["terms"] = Terms(channels: ["website"]), ["evidence"] = Evidence() }, ifMatch: etag);
        var replacement = await response.Expect(HttpStatusCode.Created);
        Assert.Equal(old, (string)replacement["supersedesId"]!);

        Assert.Equal(["channel_not_granted", "superseded"], Codes(await Check(asset, channel: "organic_social")));
        Assert.Equal("allowed", (string)(await Check(asset, channel: "website"))["verdict"]!);
        var view = await (await api.Client().GetAsync($"{Ugc}/assets/{asset}")).Expect(HttpStatusCode.OK);
        var grants = view["grants"]!.AsArray();
        Assert.Equal(["superseded", "active"], grants.Select(g => (string)g!["status"]!));
        Assert.Equal((string)replacement["id"]!, (string)grants[0]!["supersededById"]!);
        await (await api.Client().Send(HttpMethod.Post, $"{Ugc}/grants/{old}/supersession", new JsonObject { ["terms"] = Terms(), ["evidence"] = Evidence() }, ifMatch: "*"))
            .Expect(HttpStatusCode.Conflict);
    }
}

public sealed class SupersedeGrantOnSqlite(SqliteApiFixture api) : SupersedeGrantTests(api), IClassFixture<SqliteApiFixture>;

public sealed class SupersedeGrantOnSqlServer(SqlServerApiFixture api) : SupersedeGrantTests(api), IClassFixture<SqlServerApiFixture>;
