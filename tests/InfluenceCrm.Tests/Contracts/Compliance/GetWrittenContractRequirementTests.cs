using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Contracts.Compliance;

/// <summary>The written-contract threshold: cumulative over the calendar year, live agreements only, roster fees warned of.</summary>
public abstract class GetWrittenContractRequirementTests(ApiFixture fixture) : ContractsApiTests(fixture)
{
    [Fact]
    public async Task The_written_contract_threshold_is_cumulative_over_the_calendar_year()
    {
        var creator = await CreateCreator("Threshold Creator");
        const int year = 2026;
        JsonArray Milestone(string label, long amount, string dueOn, string currency = "EUR") =>
            new(new JsonObject { ["label"] = label, ["amount"] = new JsonObject { ["amount"] = amount, ["currency"] = currency }, ["dueOn"] = dueOn });

        async Task<JsonNode> Ask(int y) =>
            await (await api.Client(Roles.Legal).GetAsync($"{Contracts}/written-contract-requirements?creatorId={creator}&year={y}")).Expect(HttpStatusCode.OK);

        async Task Sent(string creatorId, JsonObject terms)
        {
            var (id, etag, _) = await CreateContract(creatorId, terms);
            await Move(id, etag, "sent"); // a draft does not count until it is sent
        }

        var first = CompleteTerms(fee: 60_000, milestones: Milestone("All", 60_000, "2026-03-01"));
        await Sent(creator, first);
        var answer = await Ask(year);
        Assert.False((bool)answer["writtenContractMandatory"]!);
        Assert.Equal(60_000, (long)answer["total"]!["amount"]!);

        // A second deal of EUR 500 (fee 300 + EUR 200 of products) crosses EUR 1,000 only cumulatively.
        var second = CompleteTerms(fee: 30_000, milestones: Milestone("All", 30_000, "2026-06-01"));
        second["remuneration"]!["inKindValue"] = new JsonObject { ["amount"] = 20_000, ["currency"] = "EUR" };
        second["remuneration"]!["inKindDescription"] = "Skincare set";
        second["startsOn"] = "2026-06-01";
        await Sent(creator, second);
        answer = await Ask(year);
        Assert.True((bool)answer["writtenContractMandatory"]!);
        Assert.Equal(110_000, (long)answer["total"]!["amount"]!);
        Assert.Equal("FR-WRITTEN-CONTRACT-THRESHOLD", (string)answer["rule"]!);
        Assert.Equal(2, answer["contracts"]!.AsArray().Count);

        // Across the year boundary: milestones count in the year they fall due.
        var other = await CreateCreator("Boundary Creator");
        var split = CompleteTerms(fee: 150_000, milestones: new JsonArray(
            new JsonObject { ["label"] = "December", ["amount"] = new JsonObject { ["amount"] = 70_000, ["currency"] = "EUR" }, ["dueOn"] = "2026-12-15" },
            new JsonObject { ["label"] = "January", ["amount"] = new JsonObject { ["amount"] = 80_000, ["currency"] = "EUR" }, ["dueOn"] = "2027-01-15" }));
        split["startsOn"] = "2026-12-01";
        await Sent(other, split);
        var y2026 = await (await api.Client().GetAsync($"{Contracts}/written-contract-requirements?creatorId={other}&year=2026")).Expect(HttpStatusCode.OK);
        var y2027 = await (await api.Client().GetAsync($"{Contracts}/written-contract-requirements?creatorId={other}&year=2027")).Expect(HttpStatusCode.OK);
        Assert.Equal(70_000, (long)y2026["total"]!["amount"]!);
        Assert.False((bool)y2026["writtenContractMandatory"]!);
        Assert.Equal(80_000, (long)y2027["total"]!["amount"]!);

        // Other currencies need the rate written on the contract; without it the answer is "undetermined".
        var dollars = await CreateCreator("Dollar Creator");
        var usd = CompleteTerms(fee: 90_000, currency: "USD", milestones: Milestone("All", 90_000, "2026-04-01", "USD"));
        await Sent(dollars, usd);
        var undetermined = await (await api.Client().GetAsync($"{Contracts}/written-contract-requirements?creatorId={dollars}&year=2026")).Expect(HttpStatusCode.OK);
        Assert.Null(undetermined["writtenContractMandatory"]);
        Assert.Contains("eurRate", (string)undetermined["explanation"]!, StringComparison.Ordinal);
        var withRate = CompleteTerms(fee: 30_000, currency: "USD", milestones: Milestone("All", 30_000, "2026-05-01", "USD"));
        withRate["remuneration"]!["eurRate"] = 0.9;
        await Sent(dollars, withRate);
        var converted = await (await api.Client().GetAsync($"{Contracts}/written-contract-requirements?creatorId={dollars}&year=2026")).Expect(HttpStatusCode.OK);
        Assert.Equal(27_000, (long)converted["total"]!["amount"]!);
        Assert.Null(converted["writtenContractMandatory"]);

        await (await api.Client().GetAsync($"{Contracts}/written-contract-requirements?creatorId={other}")).Expect(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_threshold_counts_live_agreements_only_and_warns_of_fees_agreed_on_rosters()
    {
        // Décret 2025-1137: what the advertiser pays or grants in kind under live agreements; a roster fee is a warning.
        var setup = await InfluenceCrm.Tests.Performance.PerformanceApiTests.CampaignAsync(api, 1, fee: 120_000);
        var creator = setup.Creators[0];
        var year = Today.AddDays(-30).Year;
        async Task<JsonNode> Ask() => await (await api.Client(Roles.Legal).GetAsync($"{Contracts}/written-contract-requirements?creatorId={creator}&year={year}")).Expect(HttpStatusCode.OK);

        var before = await Ask();
        Assert.Equal(0, (long)before["total"]!["amount"]!);
        Assert.Equal(120_000, (long)before["agreedOnRosters"]![0]!["fee"]!["amount"]!);
        Assert.Equal("FR-WRITTEN-CONTRACT-ROSTER-FEE", (string)before["findings"]![0]!["rule"]!);
        Assert.Equal("warning", (string)before["findings"]![0]!["severity"]!);

        // An EUR 800 contract terminated before signature with nothing paid does not count; a draft counts once sent.
        var small = CompleteTerms(fee: 80_000);
        small["startsOn"] = Day(-30);
        var (cancelled, cancelledEtag, _) = await CreateContract(creator, small);
        await Move(cancelled, cancelledEtag, "terminated");
        var (draft, draftEtag, _) = await CreateContract(creator, small, setup.CampaignId);
        var after = await Ask();
        Assert.Equal(0, (long)after["total"]!["amount"]!);
        Assert.Equal(new[] { (cancelled, "terminated"), (draft, "draft") }.Order(), after["notCounted"]!.AsArray().Select(c => ((string)c!["contractId"]!, (string)c["status"]!)).Order());
        await Move(draft, draftEtag, "sent");
        var sent = await Ask();
        Assert.Equal(80_000, (long)sent["total"]!["amount"]!);
        Assert.Empty(sent["agreedOnRosters"]!.AsArray()); // the campaign's fee is now under a contract
    }
}

public sealed class GetWrittenContractRequirementOnSqlite(SqliteApiFixture api) : GetWrittenContractRequirementTests(api), IClassFixture<SqliteApiFixture>;

public sealed class GetWrittenContractRequirementOnSqlServer(SqlServerApiFixture api) : GetWrittenContractRequirementTests(api), IClassFixture<SqlServerApiFixture>;
