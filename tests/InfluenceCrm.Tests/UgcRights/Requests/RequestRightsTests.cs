using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.UgcRights.Requests;

/// <summary>Rights requests: TikTok and YouTube need the release form.</summary>
public abstract class RequestRightsTests(ApiFixture fixture) : UgcRightsApiTests(fixture)
{
    [Fact]
    public async Task Tiktok_and_youtube_need_the_release_form()
    {
        var asset = await Asset(platform: "tiktok");
        var problem = await (await api.Client().PostJson($"{Ugc}/rights-requests", new JsonObject
        {
            ["assetId"] = asset,
            ["method"] = "comment",
            ["approvalHashtag"] = "#YesAcme",
            ["proposedTerms"] = Terms(),
        })).Expect(HttpStatusCode.Conflict);
        Assert.Contains("release_form", (string)problem["detail"]!, StringComparison.Ordinal);
    }
}

public sealed class RequestRightsOnSqlite(SqliteApiFixture api) : RequestRightsTests(api), IClassFixture<SqliteApiFixture>;

public sealed class RequestRightsOnSqlServer(SqlServerApiFixture api) : RequestRightsTests(api), IClassFixture<SqlServerApiFixture>;
