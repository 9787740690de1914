using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Campaigns.Campaigns;

/// <summary>PATCH /api/v1/campaigns/{id}: nested fields merged, a current ETag needed.</summary>
public abstract class UpdateCampaignTests(ApiFixture fixture) : CampaignsApiTests(fixture)
{
    [Fact]
    public async Task Patch_merges_nested_fields_and_needs_a_current_etag()
    {
        var (id, etag, _) = await CreateCampaign();
        var url = $"{Campaigns}/{id}";
        await (await api.Client().Send(HttpMethod.Patch, url, new { name = "x" })).Expect(HttpStatusCode.PreconditionRequired);
        await (await api.Client().Send(HttpMethod.Patch, url, new { name = "x" }, ifMatch: "\"7\"")).Expect(HttpStatusCode.PreconditionFailed);
        await (await api.Client().Send(HttpMethod.Patch, url, new { status = "live" }, ifMatch: etag)).Expect(HttpStatusCode.BadRequest);
        await (await api.Client().Send(HttpMethod.Patch, url, new { budget = new { amount = "lots" } }, ifMatch: etag)).Expect(HttpStatusCode.BadRequest);
        await (await api.Client().Send(HttpMethod.Patch, url, new { markets = new[] { "XX" } }, ifMatch: etag)).Expect(HttpStatusCode.BadRequest);

        var response = await api.Client().Send(HttpMethod.Patch, url, """{"brief":{"text":"New brief"},"budget":{"amount":6000000},"endsOn":null}""",
            ifMatch: etag, contentType: "application/merge-patch+json");
        var body = await response.Expect(HttpStatusCode.OK);
        Assert.Equal("\"2\"", response.ETag());
        Assert.Equal("New brief", (string)body["brief"]!["text"]!);
        Assert.Equal("No medical claims", (string)body["brief"]!["donts"]![0]!);
        Assert.Equal(6_000_000, (long)body["budget"]!["amount"]!);
        Assert.Equal("EUR", (string)body["budget"]!["currency"]!);
        Assert.Null(body["endsOn"]);
        await (await api.OtherWorkspace().Send(HttpMethod.Patch, url, new { name = "y" }, ifMatch: "*")).Expect(HttpStatusCode.NotFound);
    }
}

public sealed class UpdateCampaignOnSqlite(SqliteApiFixture api) : UpdateCampaignTests(api), IClassFixture<SqliteApiFixture>;

public sealed class UpdateCampaignOnSqlServer(SqlServerApiFixture api) : UpdateCampaignTests(api), IClassFixture<SqlServerApiFixture>;
