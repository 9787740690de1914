using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Contracts.Signing;

/// <summary>Signature: below the threshold a missing clause does not block; the usage rights become grants.</summary>
public abstract class SignContractTests(ApiFixture fixture) : ContractsApiTests(fixture)
{
    [Fact]
    public async Task Below_the_threshold_a_missing_clause_is_a_recommendation_that_does_not_block_signature()
    {
        var creator = await CreateCreator("Small Deal Creator");
        var lone = CompleteTerms(fee: 30_000);
        lone.Remove("intellectualProperty");
        var (id, _, _) = await CreateContract(creator, lone);
        var report = await (await api.Client(Roles.Legal).GetAsync($"{Contracts}/{id}/compliance")).Expect(HttpStatusCode.OK);
        Assert.True((bool)report["compliant"]!);
        Assert.False((bool)report["writtenContractMandatory"]!);
        var ip = report["findings"]!.AsArray().Single(f => (string)f!["rule"]! == "FR-CONTRACT-IP")!;
        Assert.Equal("warning", (string)ip["severity"]!);
        await SignedContract(creator, lone); // signs

        var big = await CreateCreator("Big Deal Creator");
        var large = CompleteTerms(fee: 150_000);
        large.Remove("intellectualProperty");
        var (bigId, bigEtag, _) = await CreateContract(big, large);
        bigEtag = await Move(bigId, bigEtag, "sent");
        var refused = await (await api.Client(Roles.Legal).Send(HttpMethod.Post, $"{Contracts}/{bigId}/signature",
            new { documentUri = "https://docs.example.com/big.pdf", sha256 = Sha, signedAt = DateTimeOffset.UtcNow }, ifMatch: bigEtag)).Expect(HttpStatusCode.Conflict);
        Assert.Contains(refused["findings"]!.AsArray(), f => (string)f!["rule"]! == "FR-CONTRACT-IP" && (string)f["severity"]! == "error");
    }

    [Fact]
    public async Task At_signature_the_contract_s_usage_rights_become_grants_for_the_creator_s_deliverables()
    {
        var setup = await InfluenceCrm.Tests.Performance.PerformanceApiTests.CampaignAsync(api, 1);
        var creator = setup.Creators[0];
        var deliverable = setup.Deliverables[0].Id;
        async Task<string> Asset(string suffix) => (string)(await (await api.Client(Roles.Integration).PostJson("/api/v1/ugc/assets", new
        {
            sourceUrl = $"https://instagram.com/p/contract{suffix}{Guid.NewGuid():N}",
            platform = "instagram",
            authorHandle = "lea",
            mediaType = "image",
            creatorId = creator,
            deliverableId = deliverable,
        })).Expect(HttpStatusCode.Created))["id"]!;
        async Task<JsonNode> Check(string asset, string channel) => await (await api.Client(Roles.Legal).PostJson("/api/v1/ugc/rights-checks",
            new { assetId = asset, channel, territory = "FR", date = Day(10), modification = false, attribution = true })).Expect(HttpStatusCode.OK);

        var before = await Asset("before");
        Assert.Equal("blocked", (string)(await Check(before, "organic_social"))["verdict"]!);
        await SignedContract(creator, CompleteTerms(), setup.CampaignId);
        var after = await Asset("after");

        foreach (var asset in new[] { before, after })
        {
            var allowed = await Check(asset, "organic_social");
            Assert.Equal("allowed", (string)allowed["verdict"]!);
            var grant = await (await api.Client(Roles.Legal).GetAsync($"/api/v1/ugc/grants/{(string)allowed["grantId"]!}")).Expect(HttpStatusCode.OK);
            Assert.Equal("contract", (string)grant["evidence"]!["kind"]!);
            Assert.Equal(Sha, (string)grant["evidence"]!["textSha256"]!);
            Assert.Equal(["Acme Beauty SAS"], grant["terms"]!["licensees"]!.AsArray().Select(l => (string)l!));
            Assert.Equal("blocked", (string)(await Check(asset, "tv_ctv"))["verdict"]!); // only what the contract grants
        }
    }
}

public sealed class SignContractOnSqlite(SqliteApiFixture api) : SignContractTests(api), IClassFixture<SqliteApiFixture>;

public sealed class SignContractOnSqlServer(SqlServerApiFixture api) : SignContractTests(api), IClassFixture<SqlServerApiFixture>;
