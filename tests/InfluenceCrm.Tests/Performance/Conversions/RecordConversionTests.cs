using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Performance;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Performance.Conversions;

/// <summary>Recording conversions over HTTP: idempotency, attribution and its window.</summary>
public abstract class RecordConversionTests : PerformanceApiTests
{
    private protected RecordConversionTests(ApiFixture api)
        : base(api)
    {
    }

    [Fact]
    public async Task Conversions_are_idempotent_and_attributed_by_promo_code_first_then_by_click()
    {
        var setup = await Campaign(2);
        var (d1, creator1, _) = setup.Deliverables[0];
        var (d3, creator2, _) = setup.Deliverables[2];
        var code = "LEA" + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
        await (await api.Client().PostJson("/api/v1/promo-codes", new { code, campaignId = setup.CampaignId, creatorId = creator1, deliverableId = d1 }))
            .Expect(HttpStatusCode.Created);
        await (await api.Client().PostJson("/api/v1/promo-codes", new { code, campaignId = setup.CampaignId, creatorId = creator2 }))
            .Expect(HttpStatusCode.Conflict);

        var link = await Link(setup.CampaignId, d3);
        var redirect = await api.Visitor().GetAsync((string)link["shortUrl"]!);
        var clickId = System.Text.RegularExpressions.Regex.Match(redirect.Headers.Location!.ToString(), "icid=(ck_[0-9A-Z]+)").Groups[1].Value;
        await WaitForClicks((string)link["id"]!, 1);

        var order = new
        {
            source = "shopify",
            orderId = "A-" + Guid.NewGuid().ToString("N")[..8],
            amount = new { amount = 5_990, currency = "EUR" },
            occurredAt = DateTimeOffset.UtcNow,
            promoCode = code.ToLowerInvariant(),
            clickId
        };
        var first = await api.Client(Roles.Integration).PostJson("/api/v1/conversions", order);
        var conversion = await first.Expect(HttpStatusCode.Created);
        Assert.Equal("promo_code", (string)conversion["attribution"]!);
        Assert.Equal(d1, (string)conversion["deliverableId"]!);
        var again = await (await api.Client(Roles.Integration).PostJson("/api/v1/conversions", order)).Expect(HttpStatusCode.OK);
        Assert.Equal((string)conversion["id"]!, (string)again["id"]!);
        await (await api.Client(Roles.Integration).PostJson("/api/v1/conversions", order with { amount = new { amount = 1, currency = "EUR" } }))
            .Expect(HttpStatusCode.Conflict);

        var byClick = await (await api.Client()
            .PostJson("/api/v1/conversions",
            new
            {
                source = "shopify",
                orderId = "B-" + Guid.NewGuid().ToString("N")[..8],
                amount = new { amount = 2_500, currency = "EUR" },
                occurredAt = DateTimeOffset.UtcNow,
                clickId
            }))
            .Expect(HttpStatusCode.Created);
        Assert.Equal("click", (string)byClick["attribution"]!);
        Assert.Equal(d3, (string)byClick["deliverableId"]!);
        Assert.Contains(clickId, (string)byClick["attributionReason"]!, StringComparison.Ordinal);

        var late = await (await api.Client()
            .PostJson("/api/v1/conversions",
            new
            {
                source = "shopify",
                orderId = "C-" + Guid.NewGuid().ToString("N")[..8],
                amount = new { amount = 100, currency = "EUR" },
                occurredAt = DateTimeOffset.UtcNow.AddDays(31),
                clickId
            }))
            .Expect(HttpStatusCode.Created);
        Assert.Equal("none", (string)late["attribution"]!);
        Assert.Contains("window", (string)late["attributionReason"]!, StringComparison.Ordinal);
        var unknown = await (await api.Client()
            .PostJson("/api/v1/conversions",
            new { source = "ga4", orderId = "D-1", amount = new { amount = 100, currency = "EUR" }, occurredAt = DateTimeOffset.UtcNow, promoCode = "NOPE" }))
            .Expect(HttpStatusCode.Created);
        Assert.Equal("none", (string)unknown["attribution"]!);
        await (await api.Client().PostJson("/api/v1/conversions", new { source = "", orderId = "", amount = new { amount = -1, currency = "EURO" } }))
            .Expect(HttpStatusCode.BadRequest);

        await using var c = await api.Db.OpenAsync();
        Assert.Equal(1L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM perf_conversions WHERE order_id = @orderId", new { order.orderId }));
    }

    [Fact]
    public async Task A_campaign_can_set_its_own_attribution_window()
    {
        var setup = await Campaign(1);
        var campaignUrl = $"/api/v1/campaigns/{setup.CampaignId}";
        var etag = (await api.Client().GetAsync(campaignUrl)).ETag();
        await (await api.Client().Send(HttpMethod.Patch, campaignUrl, new { attributionWindowDays = 400 }, ifMatch: etag)).Expect(HttpStatusCode.BadRequest);
        var patched = await (await api.Client().Send(HttpMethod.Patch, campaignUrl, new { attributionWindowDays = 7 }, ifMatch: etag))
            .Expect(HttpStatusCode.OK);
        Assert.Equal(7, (int)patched["attributionWindowDays"]!);

        var link = await Link(setup.CampaignId, setup.Deliverables[0].Id);
        var redirect = await api.Visitor().GetAsync((string)link["shortUrl"]!);
        var clickId = System.Text.RegularExpressions.Regex.Match(redirect.Headers.Location!.ToString(), "icid=(ck_[0-9A-Z]+)").Groups[1].Value;
        await WaitForClicks((string)link["id"]!, 1);

        async Task<JsonNode> Order(int daysLater) => await (await api.Client().PostJson("/api/v1/conversions",
            new
            {
                source = "shop",
                orderId = Guid.NewGuid().ToString(),
                amount = new { amount = 1000, currency = "EUR" },
                occurredAt = DateTimeOffset.UtcNow.AddDays(daysLater),
                clickId
            }))
            .Expect(HttpStatusCode.Created);

        Assert.Equal("click", (string)(await Order(6))["attribution"]!);
        var late = await Order(8);
        Assert.Equal("none", (string)late["attribution"]!);
        Assert.Contains("7-day", (string)late["attributionReason"]!, StringComparison.Ordinal);
    }
}

public sealed class RecordConversionOnSqlite(SqliteApiFixture api) : RecordConversionTests(api), IClassFixture<SqliteApiFixture>;

public sealed class RecordConversionOnSqlServer(SqlServerApiFixture api) : RecordConversionTests(api), IClassFixture<SqlServerApiFixture>;
