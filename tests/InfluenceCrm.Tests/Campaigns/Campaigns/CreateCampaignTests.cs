using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Campaigns.Campaigns;

/// <summary>POST /api/v1/campaigns: a draft with derived KPIs, 400 naming each field, one campaign per idempotency key.</summary>
public abstract class CreateCampaignTests(ApiFixture fixture) : CampaignsApiTests(fixture)
{
    [Fact]
    public async Task Create_answers_201_a_draft_with_derived_kpis_and_stores_it()
    {
        var (id, etag, body) = await CreateCampaign();
        Assert.StartsWith("cmp_", id);
        Assert.Equal("\"1\"", etag);
        Assert.Equal("draft", (string)body["status"]!);
        Assert.Equal("impressions", (string)body["objectives"]![0]!["kpi"]!);
        Assert.Equal(["FR", "DE"], body["markets"]!.AsArray().Select(m => (string)m!));
        Assert.Equal(5_000_000, (long)body["budget"]!["amount"]!);
        Assert.Equal("Publicité", (string)body["brief"]!["disclosureWording"]!);
        await using var c = await api.Db.OpenAsync();
        Assert.Equal("draft", await c.ExecuteScalarAsync<string>("SELECT status FROM campaign_campaigns WHERE id = @id", new { id }));

        var read = await api.Client(Roles.Viewer).GetAsync($"{Campaigns}/{id}");
        Assert.Equal(body.ToJsonString(), (await read.Expect(HttpStatusCode.OK)).ToJsonString());
        await (await api.OtherWorkspace().GetAsync($"{Campaigns}/{id}")).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Create_with_invalid_fields_answers_400_naming_each()
    {
        var response = await api.Client().PostJson(Campaigns, new
        {
            name = "",
            brand = "B",
            objectives = new object[] { new { type = "fame", target = 1 }, new { type = "visibility", kpi = "clicks", target = 1 }, new { type = "sales", target = 0 } },
            platforms = new[] { "myspace" },
            markets = new[] { "EU" },
            budget = new { amount = -1, currency = "EURO" },
            startsOn = "2026-05-01",
            endsOn = "2026-04-01",
        });
        var errors = (await response.Expect(HttpStatusCode.BadRequest))["errors"]!.AsObject();
        foreach (var field in new[] { "name", "objectives[0].type", "objectives[1].kpi", "objectives[2].target", "platforms[0]", "markets[0]", "budget.amount", "budget.currency", "endsOn" })
        {
            Assert.True(errors.ContainsKey(field), $"errors lacks {field}: {errors.ToJsonString()}");
        }

        await (await api.Client().PostRaw(Campaigns, """{"name":"A","brand":"B","colour":"red"}""")).Expect(HttpStatusCode.BadRequest);
        await (await api.Client(Roles.Legal).PostJson(Campaigns, NewCampaign("Legal cannot"))).Expect(HttpStatusCode.Forbidden);
        await (await api.Client(Roles.Viewer).PostJson(Campaigns, NewCampaign("Viewer cannot"))).Expect(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Creating_twice_with_one_idempotency_key_makes_one_campaign()
    {
        var name = Unique("Once ");
        var key = Guid.NewGuid().ToString();
        var first = await (await api.Client().PostJson(Campaigns, NewCampaign(name), key)).Expect(HttpStatusCode.Created);
        var second = await (await api.Client().PostJson(Campaigns, NewCampaign(name), key)).Expect(HttpStatusCode.Created);
        Assert.Equal((string)first["id"]!, (string)second["id"]!);
        await (await api.Client().PostJson(Campaigns, NewCampaign(name + "x"), key)).Expect(HttpStatusCode.UnprocessableEntity);
        await using var c = await api.Db.OpenAsync();
        Assert.Equal(1L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM campaign_campaigns WHERE name = @name", new { name }));
    }
}

public sealed class CreateCampaignOnSqlite(SqliteApiFixture api) : CreateCampaignTests(api), IClassFixture<SqliteApiFixture>;

public sealed class CreateCampaignOnSqlServer(SqlServerApiFixture api) : CreateCampaignTests(api), IClassFixture<SqlServerApiFixture>;
