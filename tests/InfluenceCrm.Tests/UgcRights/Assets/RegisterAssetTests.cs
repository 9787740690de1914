using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.UgcRights.Assets;

/// <summary>Invalid assets and grants answer 400.</summary>
public abstract class RegisterAssetTests(ApiFixture fixture) : UgcRightsApiTests(fixture)
{
    [Fact]
    public async Task Invalid_assets_and_grants_answer_400()
    {
        var problem = await (await api.Client().PostJson($"{Ugc}/assets", new { sourceUrl = "nope", platform = "myspace", authorHandle = "", mediaType = "hologram", sha256 = "xyz" }))
            .Expect(HttpStatusCode.BadRequest);
        foreach (var field in new[] { "sourceUrl", "platform", "authorHandle", "mediaType", "sha256" })
        {
            Assert.True(problem["errors"]!.AsObject().ContainsKey(field), field);
        }

        var asset = await Asset();
        var bad = await (await api.Client(Roles.Legal).PostJson($"{Ugc}/grants", new JsonObject
        {
            ["assetId"] = asset,
            ["terms"] = new JsonObject { ["rights"] = new JsonArray("everything"), ["channels"] = new JsonArray(), ["territories"] = new JsonArray("Europe") },
            ["evidence"] = new JsonObject { ["kind"] = "gossip" },
        })).Expect(HttpStatusCode.BadRequest);
        foreach (var field in new[] { "terms.licensor", "terms.licensees", "terms.rights[0]", "terms.channels", "terms.territories[0]", "terms.startsOn", "evidence.kind", "evidence.reference" })
        {
            Assert.True(bad["errors"]!.AsObject().ContainsKey(field), $"{field}: {bad["errors"]!.ToJsonString()}");
        }

        await (await api.Client(Roles.Integration).PostJson($"{Ugc}/grants", new JsonObject { ["assetId"] = asset, ["terms"] = Terms(), ["evidence"] = Evidence() }))
            .Expect(HttpStatusCode.Forbidden);
    }
}

public sealed class RegisterAssetOnSqlite(SqliteApiFixture api) : RegisterAssetTests(api), IClassFixture<SqliteApiFixture>;

public sealed class RegisterAssetOnSqlServer(SqlServerApiFixture api) : RegisterAssetTests(api), IClassFixture<SqlServerApiFixture>;
