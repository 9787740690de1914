using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.UgcRights.Requests;

/// <summary>Rights requests listed newest first, by asset and status.</summary>
public abstract class ListRightsRequestsTests(ApiFixture fixture) : UgcRightsApiTests(fixture)
{
    [Fact]
    public async Task Rights_requests_are_listed_newest_first_by_asset_and_status()
    {
        var asset = await Asset(platform: "tiktok");
        var ids = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var created = await (await api.Client().PostJson($"{Ugc}/rights-requests", new JsonObject { ["assetId"] = asset, ["method"] = "release_form", ["proposedTerms"] = Terms() }))
                .Expect(HttpStatusCode.Created);
            ids.Add((string)created["request"]!["id"]!);
        }

        var listed = await (await api.Client(Roles.Viewer).GetAsync($"{Ugc}/rights-requests?assetId={asset}&status=requested")).Expect(HttpStatusCode.OK);
        Assert.Equal(ids.AsEnumerable().Reverse(), listed["items"]!.AsArray().Select(x => (string)x!["id"]!));
        Assert.Empty((await (await api.Client().GetAsync($"{Ugc}/rights-requests?assetId={asset}&status=granted")).Expect(HttpStatusCode.OK))["items"]!.AsArray());
        Assert.Empty((await (await api.OtherWorkspace().GetAsync($"{Ugc}/rights-requests?assetId={asset}")).Expect(HttpStatusCode.OK))["items"]!.AsArray());
        await (await api.Client().GetAsync($"{Ugc}/rights-requests?status=maybe")).Expect(HttpStatusCode.BadRequest);

        var grant = (string)(await (await api.Client(Roles.Legal).PostJson($"{Ugc}/grants", new JsonObject
        {
            ["assetId"] = asset,
            ["terms"] = Terms(),
            ["evidence"] = Evidence(),
        })).Expect(HttpStatusCode.Created))["id"]!;
        var grants = await (await api.Client(Roles.Viewer).GetAsync($"{Ugc}/grants?assetId={asset}&status=active")).Expect(HttpStatusCode.OK);
        Assert.Equal([grant], grants["items"]!.AsArray().Select(x => (string)x!["id"]!));
        Assert.Empty((await (await api.Client().GetAsync($"{Ugc}/grants?assetId={asset}&status=revoked")).Expect(HttpStatusCode.OK))["items"]!.AsArray());
    }
}

public sealed class ListRightsRequestsOnSqlite(SqliteApiFixture api) : ListRightsRequestsTests(api), IClassFixture<SqliteApiFixture>;

public sealed class ListRightsRequestsOnSqlServer(SqlServerApiFixture api) : ListRightsRequestsTests(api), IClassFixture<SqlServerApiFixture>;
