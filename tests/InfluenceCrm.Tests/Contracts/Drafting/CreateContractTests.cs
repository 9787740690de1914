using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Contracts.Drafting;

/// <summary>POST /api/v1/contracts: a draft for a workspace creator with its milestones; bad references and terms refused.</summary>
public abstract class CreateContractTests(ApiFixture fixture) : ContractsApiTests(fixture)
{
    [Fact]
    public async Task A_draft_is_created_for_a_workspace_creator_with_its_milestones()
    {
        var creator = await CreateCreator("Contract Creator");
        var (id, etag, body) = await CreateContract(creator, CompleteTerms());
        Assert.StartsWith("ctr_", id);
        Assert.Equal("\"1\"", etag);
        Assert.Equal("draft", (string)body["status"]!);
        Assert.Equal(1, (int)body["termsVersion"]!);
        Assert.Equal(2, body["milestones"]!.AsArray().Count);
        Assert.StartsWith("ms_", (string)body["milestones"]![0]!["id"]!);
        Assert.Equal("Publicité", (string)body["terms"]!["disclosure"]!["wording"]!);

        await (await api.Client(Roles.Brand).GetAsync($"{Contracts}/{id}")).Expect(HttpStatusCode.OK);
        await (await api.Client(Roles.Viewer).GetAsync($"{Contracts}/{id}")).Expect(HttpStatusCode.Forbidden);
        await (await api.Client(Roles.Integration).PostJson(Contracts, new { creatorId = creator, title = "x", terms = new { } })).Expect(HttpStatusCode.Forbidden);
        await (await api.OtherWorkspace().GetAsync($"{Contracts}/{id}")).Expect(HttpStatusCode.NotFound);
        var list = await (await api.Client().GetAsync($"{Contracts}?creatorId={creator}")).Expect(HttpStatusCode.OK);
        Assert.Equal([id], list["items"]!.AsArray().Select(c => (string)c!["id"]!));
    }

    [Fact]
    public async Task Bad_references_and_terms_answer_400_naming_the_field()
    {
        var creator = await CreateCreator("Bad Terms");
        var missing = await (await api.Client().PostJson(Contracts, new { creatorId = "cr_nobody", campaignId = "cmp_nobody", title = "x", terms = new { } }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.True(missing["errors"]!.AsObject().ContainsKey("creatorId"));
        Assert.True(missing["errors"]!.AsObject().ContainsKey("campaignId"));

        var terms = CompleteTerms();
        terms["remuneration"]!["fee"]!["currency"] = "EURO";
        terms["usageRights"]![0]!["channels"] = new JsonArray("billboards");
        terms["usageRights"]![0]!["territories"] = new JsonArray("Europe");
        terms["governingLaw"] = "France";
        terms["productCategory"] = "vapes";
        var problem = await (await api.Client().PostJson(Contracts, new JsonObject { ["creatorId"] = creator, ["title"] = "x", ["terms"] = terms }))
            .Expect(HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        foreach (var field in new[] { "terms.remuneration.fee.currency", "terms.usageRights[0].channels[0]", "terms.usageRights[0].territories[0]", "terms.governingLaw", "terms.productCategory" })
        {
            Assert.True(errors.ContainsKey(field), $"errors lacks {field}: {errors.ToJsonString()}");
        }
    }
}

public sealed class CreateContractOnSqlite(SqliteApiFixture api) : CreateContractTests(api), IClassFixture<SqliteApiFixture>;

public sealed class CreateContractOnSqlServer(SqlServerApiFixture api) : CreateContractTests(api), IClassFixture<SqlServerApiFixture>;
