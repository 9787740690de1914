using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Contracts.Drafting;

/// <summary>An amendment: a new version, the old terms still readable.</summary>
public abstract class AmendContractTests(ApiFixture fixture) : ContractsApiTests(fixture)
{
    [Fact]
    public async Task An_amendment_is_a_new_version_and_the_old_terms_stay_readable()
    {
        var (id, etag) = await SignedContract(await CreateCreator("Amended Creator"), CompleteTerms(fee: 80_000));
        var url = $"{Contracts}/{id}";
        await (await api.Client().PostJson($"{url}/milestones/{(string)(await (await api.Client().GetAsync(url)).Json())["milestones"]![0]!["id"]!}/payment",
            new { paidAt = DateTimeOffset.UtcNow.AddDays(-1), reference = "VIR-2026-001" })).Expect(HttpStatusCode.OK);
        etag = (await api.Client().GetAsync(url)).ETag();

        await (await api.Client().Send(HttpMethod.Post, $"{url}/amendments", new { terms = new { } }, ifMatch: etag)).Expect(HttpStatusCode.BadRequest);
        var changesPaid = new JsonObject
        {
            ["reason"] = "Change the first milestone",
            ["terms"] = new JsonObject { ["milestones"] = new JsonArray(new JsonObject { ["label"] = "On signature", ["amount"] = new JsonObject { ["amount"] = 1, ["currency"] = "EUR" }, ["dueOn"] = Day(-5) }) },
        };
        await (await api.Client().Send(HttpMethod.Post, $"{url}/amendments", changesPaid, ifMatch: etag)).Expect(HttpStatusCode.Conflict);

        var amendment = new JsonObject
        {
            ["reason"] = "Second reel added",
            ["sha256"] = Sha.Replace('3', '4'),
            ["documentUri"] = "https://docs.example.com/contracts/1-amendment-1.pdf",
            ["terms"] = new JsonObject
            {
                ["missions"] = new JsonArray(new JsonObject { ["description"] = "One reel" }, new JsonObject { ["description"] = "A second reel" }),
                ["remuneration"] = new JsonObject { ["fee"] = new JsonObject { ["amount"] = 120_000 } },
                ["milestones"] = new JsonArray(
                    new JsonObject { ["label"] = "On signature", ["amount"] = new JsonObject { ["amount"] = 40_000, ["currency"] = "EUR" }, ["dueOn"] = Day(-5) },
                    new JsonObject { ["label"] = "On publication", ["amount"] = new JsonObject { ["amount"] = 80_000, ["currency"] = "EUR" }, ["dueOn"] = Day(25) }),
            },
        };
        var amended = await api.Client(Roles.Legal).Send(HttpMethod.Post, $"{url}/amendments", amendment, ifMatch: etag);
        var body = await amended.Expect(HttpStatusCode.OK);
        Assert.Equal(2, (int)body["termsVersion"]!);
        Assert.Equal(120_000, (long)body["terms"]!["remuneration"]!["fee"]!["amount"]!);
        Assert.Equal("EUR", (string)body["terms"]!["remuneration"]!["fee"]!["currency"]!);
        Assert.Equal("30 days", (string)body["terms"]!["remuneration"]!["paymentTerms"]!);
        var milestones = body["milestones"]!.AsArray();
        Assert.NotNull(milestones.Single(m => (string)m!["label"]! == "On signature")!["paidAt"]);
        Assert.Equal(80_000, (long)milestones.Single(m => (string)m!["label"]! == "On publication")!["amount"]!["amount"]!);

        var versions = (await (await api.Client(Roles.Brand).GetAsync($"{url}/versions")).Expect(HttpStatusCode.OK))["items"]!.AsArray();
        Assert.Equal([1, 2], versions.Select(v => (int)v!["version"]!));
        Assert.Equal(80_000, (long)versions[0]!["terms"]!["remuneration"]!["fee"]!["amount"]!);
        Assert.Equal("Second reel added", (string)versions[1]!["reason"]!);
        await (await api.OtherWorkspace().GetAsync($"{url}/versions")).Expect(HttpStatusCode.NotFound);
    }
}

public sealed class AmendContractOnSqlite(SqliteApiFixture api) : AmendContractTests(api), IClassFixture<SqliteApiFixture>;

public sealed class AmendContractOnSqlServer(SqlServerApiFixture api) : AmendContractTests(api), IClassFixture<SqlServerApiFixture>;
