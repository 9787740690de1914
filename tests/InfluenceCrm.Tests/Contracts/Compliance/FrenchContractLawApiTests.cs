using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Contracts.Compliance;

/// <summary>
/// Issue #27 over HTTP: compliance answers rest on facts named with their source (the creator's record, the campaign's
/// markets), an unknown fact makes them undetermined; the creator's record says who holds parental authority (Code civil
/// art. 372); an amendment of the usage rights supersedes the grants made at signature from its effective date (Code civil
/// art. 1193; CPI L131-3).
/// </summary>
public abstract class FrenchContractLawApiTests(ApiFixture api)
{
    private const string Contracts = "/api/v1/contracts";
    private const string Sha = "9e2a9c1e5b7d4a6f8e0c2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a";
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static string Day(int offset) => Today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<string> Creator(JsonObject body) =>
        (string)(await (await api.Client().PostJson("/api/v1/creators", body)).Expect(HttpStatusCode.Created))["id"]!;

    private async Task<(string Id, string ETag)> Contract(string creatorId, JsonObject terms, string? campaignId = null)
    {
        var response = await api.Client(Roles.Legal).PostJson(Contracts, new JsonObject
        {
            ["creatorId"] = creatorId,
            ["campaignId"] = campaignId,
            ["title"] = "Serum launch",
            ["terms"] = terms.DeepClone(),
        });
        return ((string)(await response.Expect(HttpStatusCode.Created))["id"]!, response.ETag());
    }

    private async Task<JsonNode> Compliance(string id) =>
        await (await api.Client(Roles.Legal).GetAsync($"{Contracts}/{id}/compliance")).Expect(HttpStatusCode.OK);

    private static Dictionary<string, JsonNode> Facts(JsonNode report) => report["facts"]!.AsArray().ToDictionary(f => (string)f!["fact"]!, f => f!);

    /// <summary>Complete French terms, less what decides which law applies.</summary>
    private static JsonObject Undecided()
    {
        var terms = ContractsApiTests.CompleteTerms();
        terms["creator"]!["establishedIn"] = null;
        terms["creator"]!["taxResidenceCountry"] = null;
        return terms;
    }

    [Fact]
    public async Task A_contract_without_the_facts_is_undetermined_until_the_creator_s_record_gives_them()
    {
        var creator = await Creator(new JsonObject { ["displayName"] = "Nowhere Creator" });
        var (id, _) = await Contract(creator, Undecided());
        var report = await Compliance(id);
        Assert.Null(report["compliant"]); // was true, with no finding at all
        Assert.Null(report["frenchLawApplies"]);
        var undetermined = report["findings"]!.AsArray().Where(f => (string)f!["rule"]! == "FR-APPLICABILITY").Select(f => (string)f!["message"]!).ToList();
        Assert.Equal(2, undetermined.Count);
        Assert.Contains(undetermined, m => m.Contains("creator.establishedIn", StringComparison.Ordinal));
        Assert.Contains(undetermined, m => m.Contains("targetMarkets", StringComparison.Ordinal));
        var facts = Facts(report);
        Assert.Null(facts["influencerEstablishment"]["value"]);
        Assert.Contains("the creator's record has no country", (string)facts["influencerEstablishment"]["source"]!, StringComparison.Ordinal);
        Assert.Equal("FR", (string)facts["brandEstablishment"]["value"]!);
        Assert.Contains("brand.taxResidenceCountry", (string)facts["brandEstablishment"]["source"]!, StringComparison.Ordinal);

        var read = await api.Client().GetAsync($"/api/v1/creators/{creator}");
        await (await api.Client().Send(HttpMethod.Patch, $"/api/v1/creators/{creator}", new { country = "RE" }, ifMatch: read.ETag(),
            contentType: "application/merge-patch+json")).Expect(HttpStatusCode.OK);
        var decided = await Compliance(id);
        Assert.True((bool)decided["frenchLawApplies"]!); // La Réunion is France (Constitution art. 73)
        Assert.Contains("art. 73", (string)decided["applicability"]!["source"]!, StringComparison.Ordinal);
        Assert.True((bool)decided["compliant"]!);
        Assert.Equal("RE", (string)Facts(decided)["influencerEstablishment"]["value"]!);
        Assert.Contains("the creator's record (Creators module)", (string)Facts(decided)["influencerEstablishment"]["source"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_campaign_s_markets_decide_for_an_influencer_outside_the_eea_and_are_named_as_the_source()
    {
        var campaign = (string)(await (await api.Client().PostJson("/api/v1/campaigns", new
        {
            name = "Markets " + Guid.NewGuid().ToString("N")[..6],
            brand = "Acme",
            objectives = new object[] { new { type = "notoriety", target = 1000 } },
            markets = new[] { "FR", "BE" },
            budget = new { amount = 100_000, currency = "EUR" },
            startsOn = Day(0),
            endsOn = Day(30),
        })).Expect(HttpStatusCode.Created))["id"]!;
        var creator = await Creator(new JsonObject { ["displayName"] = "Montreal Creator", ["country"] = "CA" });
        var (id, _) = await Contract(creator, Undecided(), campaign);
        var report = await Compliance(id);
        Assert.True((bool)report["frenchLawApplies"]!);
        var facts = Facts(report);
        Assert.Equal(("CA", "FR, BE"), ((string)facts["influencerEstablishment"]["value"]!, (string)facts["targetMarkets"]["value"]!));
        Assert.Contains($"Campaigns module, {campaign}", (string)facts["targetMarkets"]["source"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_contract_stating_no_amount_cannot_be_shown_under_the_threshold()
    {
        var creator = await Creator(new JsonObject { ["displayName"] = "Unpaid Creator" });
        var terms = ContractsApiTests.CompleteTerms();
        terms["remuneration"] = new JsonObject { ["paymentTerms"] = "to be agreed" };
        terms.Remove("milestones");
        var (id, _) = await Contract(creator, terms);
        var report = await Compliance(id);
        Assert.Null(report["writtenContractMandatory"]); // was false: "nothing to count"
        Assert.Null(report["compliant"]);
        var finding = report["findings"]!.AsArray().Single(f => (string)f!["rule"]! == "FR-WRITTEN-CONTRACT-THRESHOLD")!;
        Assert.Contains("remuneration.inKindValue", (string)finding["message"]!, StringComparison.Ordinal);
        Assert.Contains("décret n° 2025-1137", (string)finding["source"]!, StringComparison.Ordinal);

        var paid = ContractsApiTests.CompleteTerms(fee: 30_000);
        var (small, _) = await Contract(creator, paid);
        var answer = await Compliance(small);
        Assert.False((bool)answer["writtenContractMandatory"]!);
        Assert.Contains("milestones[0]", (string)answer["thresholdExplanation"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_creator_s_record_says_who_holds_parental_authority_and_the_contract_must_match_it()
    {
        var creator = await Creator(new JsonObject
        {
            ["displayName"] = "Young Creator",
            ["birthDate"] = Day(-365 * 13),
            ["legalRepresentatives"] = new JsonArray(
                new JsonObject { ["fullName"] = "Anne Martin", ["relationship"] = "parent" },
                new JsonObject { ["fullName"] = "Paul Martin", ["relationship"] = "parent", ["holdsParentalAuthority"] = true }),
        });
        var read = await api.Client().GetAsync($"/api/v1/creators/{creator}");
        Assert.Equal([true, true], (await read.Json())["legalRepresentatives"]!.AsArray().Select(r => (bool)r!["holdsParentalAuthority"]!));

        var terms = ContractsApiTests.CompleteTerms();
        terms["legalRepresentatives"] = new JsonArray(new JsonObject { ["fullName"] = "Anne Martin", ["relationship"] = "parent", ["signed"] = true });
        var (id, _) = await Contract(creator, terms);
        var report = await Compliance(id);
        Assert.False((bool)report["compliant"]!);
        var finding = report["findings"]!.AsArray().Single(f => (string)f!["rule"]! == "FR-MINOR-PARENTAL-AUTHORITY")!;
        Assert.Equal("error", (string)finding["severity"]!);
        Assert.Contains("Paul Martin", (string)finding["message"]!, StringComparison.Ordinal);
        Assert.Contains("art. 372", (string)finding["source"]!, StringComparison.Ordinal);

        // Parental authority withdrawn from Paul by a judge (Code civil art. 373-2-1): the record says so, the contract matches.
        var patch = """
            {"legalRepresentatives":[{"fullName":"Anne Martin","relationship":"parent"},
                                     {"fullName":"Paul Martin","relationship":"parent","holdsParentalAuthority":false}]}
            """;
        var updated = await (await api.Client().Send(HttpMethod.Patch, $"/api/v1/creators/{creator}", patch, ifMatch: read.ETag(),
            contentType: "application/merge-patch+json")).Expect(HttpStatusCode.OK);
        Assert.Equal([true, false], updated["legalRepresentatives"]!.AsArray().Select(r => (bool)r!["holdsParentalAuthority"]!));
        var after = await Compliance(id);
        Assert.DoesNotContain(after["findings"]!.AsArray(), f => (string)f!["rule"]! == "FR-MINOR-PARENTAL-AUTHORITY");
        Assert.True((bool)after["compliant"]!);

        await using var c = await api.Db.OpenAsync();
        Assert.Equal(1L, await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM creator_legal_representatives WHERE creator_id = @creator AND holds_parental_authority = 0", new { creator }));
    }

    [Fact]
    public async Task An_amendment_removing_a_channel_supersedes_the_grants_from_its_effective_date()
    {
        var setup = await InfluenceCrm.Tests.Performance.PerformanceApiTests.CampaignAsync(api, 1);
        var creator = setup.Creators[0];
        var deliverable = setup.Deliverables[0].Id;
        async Task<string> Asset(string suffix) => (string)(await (await api.Client(Roles.Integration).PostJson("/api/v1/ugc/assets", new
        {
            sourceUrl = $"https://instagram.com/p/amended{suffix}{Guid.NewGuid():N}",
            platform = "instagram",
            authorHandle = "lea",
            mediaType = "image",
            creatorId = creator,
            deliverableId = deliverable,
        })).Expect(HttpStatusCode.Created))["id"]!;
        async Task<JsonNode> Check(string asset, string channel, int day) => await (await api.Client(Roles.Legal).PostJson("/api/v1/ugc/rights-checks",
            new { assetId = asset, channel, territory = "FR", date = Day(day), modification = false, attribution = true })).Expect(HttpStatusCode.OK);

        var before = await Asset("before");
        var (id, etag) = await Contract(creator, ContractsApiTests.CompleteTerms(), setup.CampaignId); // organic_social and paid_social, in FR, for a year
        var sent = await api.Client(Roles.Legal).Send(HttpMethod.Post, $"{Contracts}/{id}/status", new { status = "sent" }, ifMatch: etag);
        await sent.Expect(HttpStatusCode.OK);
        var signed = await api.Client(Roles.Legal).Send(HttpMethod.Post, $"{Contracts}/{id}/signature",
            new { documentUri = "https://docs.example.com/contracts/amended.pdf", sha256 = Sha, signedAt = DateTimeOffset.UtcNow.AddMinutes(-1) },
            ifMatch: sent.ETag());
        await signed.Expect(HttpStatusCode.OK);
        Assert.Equal("allowed", (string)(await Check(before, "paid_social", 40))["verdict"]!);

        var rights = ContractsApiTests.CompleteTerms()["usageRights"]!.DeepClone();
        rights[0]!["channels"] = new JsonArray("organic_social");
        JsonObject Amendment(string effectiveOn) => new()
        {
            ["reason"] = "Paid social dropped",
            ["terms"] = new JsonObject { ["usageRights"] = rights.DeepClone() },
            ["effectiveOn"] = effectiveOn,
        };
        var early = await (await api.Client(Roles.Legal).Send(HttpMethod.Post, $"{Contracts}/{id}/amendments", Amendment(Day(-10)), ifMatch: signed.ETag()))
            .Expect(HttpStatusCode.BadRequest);
        Assert.True(early["errors"]!.AsObject().ContainsKey("effectiveOn"));
        await (await api.Client(Roles.Legal).Send(HttpMethod.Post, $"{Contracts}/{id}/amendments", Amendment(Day(30)), ifMatch: signed.ETag()))
            .Expect(HttpStatusCode.OK);
        var after = await Asset("after");

        foreach (var asset in new[] { before, after })
        {
            var blocked = await Check(asset, "paid_social", 40);
            Assert.Equal("blocked", (string)blocked["verdict"]!); // was "allowed": the grant made at signature still covered it
            var superseded = blocked["reasons"]!.AsArray().Single(r => (string)r!["code"]! == "superseded")!;
            Assert.Contains($"amendment v2 of contract {id}", (string)superseded["message"]!, StringComparison.Ordinal);
            Assert.Contains("Paid social dropped", (string)superseded["message"]!, StringComparison.Ordinal);
            Assert.Equal("allowed", (string)(await Check(asset, "paid_social", 10))["verdict"]!); // before the effective date
            Assert.Equal("allowed", (string)(await Check(asset, "organic_social", 40))["verdict"]!); // what the amendment keeps
            var covering = await Check(asset, "organic_social", 40);
            var grant = await (await api.Client(Roles.Legal).GetAsync($"/api/v1/ugc/grants/{(string)covering["grantId"]!}")).Expect(HttpStatusCode.OK);
            Assert.Equal(Day(30), (string)grant["terms"]!["startsOn"]!);
        }

        await using var c = await api.Db.OpenAsync();
        Assert.Equal(1L, await c.ExecuteScalarAsync<long>( // the grant of the asset registered before the amendment
            """
            SELECT COUNT(*) FROM platform_audit_log
            WHERE action = 'ugc.grant_superseded' AND entity_id IN (SELECT grant_id FROM ugc_contract_grants WHERE contract_id = @id)
            """,
            new { id }));
    }
}

public sealed class FrenchContractLawApiOnSqlite(SqliteApiFixture api) : FrenchContractLawApiTests(api), IClassFixture<SqliteApiFixture>;

public sealed class FrenchContractLawApiOnSqlServer(SqlServerApiFixture api) : FrenchContractLawApiTests(api), IClassFixture<SqlServerApiFixture>;
