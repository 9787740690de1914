using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Contracts.Compliance;

/// <summary>What a French contract lacks, with rule and source; banned categories; minors' legal representatives.</summary>
public abstract class GetContractComplianceTests(ApiFixture fixture) : ContractsApiTests(fixture)
{
    [Fact]
    public async Task Compliance_lists_what_a_french_contract_lacks_with_rule_and_source()
    {
        var creator = await CreateCreator("Compliance Creator");
        var (id, _, _) = await CreateContract(creator, new JsonObject
        {
            ["brand"] = new JsonObject { ["legalName"] = "Acme" },
            ["creator"] = new JsonObject { ["establishedIn"] = "FR" },
            ["remuneration"] = new JsonObject { ["fee"] = new JsonObject { ["amount"] = 150_000, ["currency"] = "EUR" } },
            ["governingLaw"] = "FR",
            ["productCategory"] = "gambling",
            ["usageRights"] = new JsonArray(new JsonObject { ["channels"] = new JsonArray("website") }),
        });
        var report = await (await api.Client(Roles.Legal).GetAsync($"{Contracts}/{id}/compliance")).Expect(HttpStatusCode.OK);
        Assert.False((bool)report["compliant"]!);
        Assert.True((bool)report["frenchLawApplies"]!);
        Assert.True((bool)report["writtenContractMandatory"]!); // EUR 1,500 with this contract
        var findings = report["findings"]!.AsArray().ToDictionary(f => (string)f!["rule"]!, f => f!);
        Assert.Equal(["FR-CONTRACT-IP", "FR-CONTRACT-MISSIONS", "FR-CONTRACT-PARTIES", "FR-CONTRACT-USAGE-RIGHTS-SCOPE", "FR-GAMBLING"], findings.Keys.Order());
        Assert.Contains("brand.postalAddress", (string)findings["FR-CONTRACT-PARTIES"]["message"]!, StringComparison.Ordinal);
        Assert.Contains("creator.legalName", (string)findings["FR-CONTRACT-PARTIES"]["message"]!, StringComparison.Ordinal);
        Assert.Equal("error", (string)findings["FR-CONTRACT-IP"]["severity"]!);
        Assert.Equal("warning", (string)findings["FR-GAMBLING"]["severity"]!);
        Assert.Contains("2023-451", (string)findings["FR-CONTRACT-MISSIONS"]["source"]!, StringComparison.Ordinal);
        Assert.Contains("purpose", (string)findings["FR-CONTRACT-USAGE-RIGHTS-SCOPE"]["message"]!, StringComparison.Ordinal);

        var (complete, _, _) = await CreateContract(creator, CompleteTerms());
        var ok = await (await api.Client(Roles.Legal).GetAsync($"{Contracts}/{complete}/compliance")).Expect(HttpStatusCode.OK);
        Assert.True((bool)ok["compliant"]!);
        Assert.Empty(ok["findings"]!.AsArray());
        Assert.Contains("FR-CONTRACT-IP", ok["rulesApplied"]!.AsArray().Select(r => (string)r!));
    }

    [Theory]
    [InlineData("cosmetic_surgery", "FR-BANNED-CATEGORY")]
    [InlineData("unregistered_crypto", "FR-BANNED-CATEGORY")]
    [InlineData("sports_betting_tips", "FR-BANNED-CATEGORY")]
    public async Task A_category_banned_in_france_is_an_error_and_blocks_signature(string category, string rule)
    {
        var terms = CompleteTerms();
        terms["productCategory"] = category;
        var (id, etag, _) = await CreateContract(await CreateCreator("Banned " + category), terms);
        var report = await (await api.Client(Roles.Legal).GetAsync($"{Contracts}/{id}/compliance")).Expect(HttpStatusCode.OK);
        Assert.Contains(report["findings"]!.AsArray(), f => (string)f!["rule"]! == rule && (string)f["severity"]! == "error");
        etag = await Move(id, etag, "sent");
        var refused = await (await api.Client(Roles.Legal).Send(HttpMethod.Post, $"{Contracts}/{id}/signature",
            new { documentUri = "https://docs.example.com/x.pdf", sha256 = Sha, signedAt = DateTimeOffset.UtcNow }, ifMatch: etag))
                .Expect(HttpStatusCode.Conflict);
        Assert.Contains(refused["findings"]!.AsArray(), f => (string)f!["rule"]! == rule);
    }

    [Fact]
    public async Task A_minor_needs_signed_legal_representatives()
    {
        var minor = await CreateCreator("Young Creator", new { birthDate = Day(-365 * 14) });
        var (id, etag, _) = await CreateContract(minor, CompleteTerms());
        var report = await (await api.Client(Roles.Legal).GetAsync($"{Contracts}/{id}/compliance")).Expect(HttpStatusCode.OK);
        Assert.Contains(report["findings"]!.AsArray(), f => (string)f!["rule"]! == "FR-MINOR-REPRESENTATIVES");

        var patched = await api.Client(Roles.Legal).Send(HttpMethod.Patch, $"{Contracts}/{id}",
            """{"terms":{"legalRepresentatives":[{"fullName":"Parent One","relationship":"parent","signed":true},""" +
            """{"fullName":"Parent Two","relationship":"parent","signed":true}]}}""",
            ifMatch: etag, contentType: "application/merge-patch+json");
        await patched.Expect(HttpStatusCode.OK);
        var after = await (await api.Client(Roles.Legal).GetAsync($"{Contracts}/{id}/compliance")).Expect(HttpStatusCode.OK);
        Assert.True((bool)after["compliant"]!);
    }
}

public sealed class GetContractComplianceOnSqlite(SqliteApiFixture api) : GetContractComplianceTests(api), IClassFixture<SqliteApiFixture>;

public sealed class GetContractComplianceOnSqlServer(SqlServerApiFixture api) : GetContractComplianceTests(api), IClassFixture<SqlServerApiFixture>;
