using System.Net;
using System.Text.Json.Nodes;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using InfluenceCrm.Tests.UgcRights;

namespace InfluenceCrm.Tests.Contracts.Compliance;

/// <summary>
/// Legal answers carry, beside their English message, the wording's key and its values (codes, ISO dates, EUR cents), so a client
/// writes them in its reader's language without parsing English: contract findings, applicability, the threshold, rights reasons.
/// </summary>
public sealed class LegalTextKeysTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task A_contract_s_compliance_carries_each_finding_s_wording_key_and_values_and_the_threshold_s()
    {
        var creator = (string)(await (await api.Client().PostJson("/api/v1/creators", new { displayName = "Léa Clés", country = "FR" }))
            .Expect(HttpStatusCode.Created))["id"]!;
        var terms = ContractsApiTests.CompleteTerms(fee: 150_000);
        terms.Remove("intellectualProperty");
        terms["governingLaw"] = "BE";
        var created = await (await api.Client(Roles.Legal)
            .PostJson("/api/v1/contracts", new JsonObject { ["creatorId"] = creator, ["title"] = "Keys", ["terms"] = terms }))
            .Expect(HttpStatusCode.Created);
        var compliance = await (await api.Client(Roles.Legal).GetAsync($"/api/v1/contracts/{created["id"]}/compliance")).Expect(HttpStatusCode.OK);

        var findings = compliance["findings"]!.AsArray();
        var law = findings.Single(f => (string)f!["rule"]! == "FR-GOVERNING-LAW-OTHER")!;
        Assert.Equal("FR-GOVERNING-LAW-OTHER", (string)law["text"]!);
        Assert.Equal("BE", (string)law["args"]!["law"]!);
        Assert.Contains(findings, f => (string)f!["text"]! == "FR-CONTRACT-IP");
        Assert.Equal("influencer-in-france", (string)compliance["applicability"]!["text"]!);
        Assert.Equal("FR", (string)compliance["applicability"]!["args"]!["influencerCountry"]!);
        Assert.Equal("reached", (string)compliance["thresholdText"]!);
        Assert.Equal("150000", (string)compliance["thresholdArgs"]!["totalEur"]!);
        Assert.Contains("EUR 1,500.00", (string)compliance["thresholdExplanation"]!, StringComparison.Ordinal); // one way of writing money in English
    }

    [Fact]
    public async Task A_rights_check_reason_carries_its_values_and_no_client_needs_the_grant_s_id_from_the_message()
    {
        var asset = (string)(await (await api.Client(Roles.Integration).PostJson("/api/v1/ugc/assets", new JsonObject
        {
            ["sourceUrl"] = "https://instagram.com/p/keys" + Guid.NewGuid().ToString("N")[..6],
            ["platform"] = "instagram",
            ["authorHandle"] = "@camille.d",
            ["mediaType"] = "image",
            ["people"] = new JsonArray(),
        })).Expect(HttpStatusCode.Created))["id"]!;
        await (await api.Client(Roles.Legal).PostJson("/api/v1/ugc/grants",
            new JsonObject { ["assetId"] = asset, ["terms"] = UgcRightsApiTests.Terms(), ["evidence"] = UgcRightsApiTests.Evidence() }))
                .Expect(HttpStatusCode.Created);
        var check = await (await api.Client(Roles.Viewer).PostJson("/api/v1/ugc/rights-checks",
            new { assetId = asset, channel = "paid_social", territory = "FR", date = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd") }))
                .Expect(HttpStatusCode.OK);

        var reason = check["reasons"]!.AsArray().First(r => (string)r!["code"]! == "channel_not_granted")!;
        Assert.Equal("paid_social", (string)reason["args"]!["channel"]!);
        Assert.Contains("organic_social", (string)reason["args"]!["channels"]!, StringComparison.Ordinal);
        Assert.StartsWith("gr_", (string)reason["grantId"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Legal_may_register_an_asset_and_record_its_use_but_a_viewer_may_not()
    {
        var body = new JsonObject
        {
            ["sourceUrl"] = "https://instagram.com/p/legal" + Guid.NewGuid().ToString("N")[..6],
            ["platform"] = "instagram",
            ["authorHandle"] = "@camille.d",
            ["mediaType"] = "image",
        };
        var asset = (string)(await (await api.Client(Roles.Legal).PostJson("/api/v1/ugc/assets", body)).Expect(HttpStatusCode.Created))["id"]!;
        await (await api.Client(Roles.Legal).PostJson($"/api/v1/ugc/assets/{asset}/usages", new { channel = "website", territory = "FR", from = "2026-01-01" }))
            .Expect(HttpStatusCode.Created);
        await (await api.Client(Roles.Viewer).PostJson("/api/v1/ugc/assets", body)).Expect(HttpStatusCode.Forbidden);
        await (await api.OtherWorkspace().PostJson($"/api/v1/ugc/assets/{asset}/usages", new { channel = "website", territory = "FR", from = "2026-01-01" }))
            .Expect(HttpStatusCode.NotFound);
    }
}
