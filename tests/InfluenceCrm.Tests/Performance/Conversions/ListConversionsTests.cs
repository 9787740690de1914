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

/// <summary>The list of conversions over HTTP, with their attribution.</summary>
public abstract class ListConversionsTests : PerformanceApiTests
{
    private protected ListConversionsTests(ApiFixture api)
        : base(api)
    {
    }

    [Fact]
    public async Task Conversions_are_listed_with_their_attribution_and_the_unattributed_ones_can_be_asked_for()
    {
        var setup = await Campaign(1);
        var code = "LIST" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await (await api.Client().PostJson("/api/v1/promo-codes", new { code, campaignId = setup.CampaignId, creatorId = setup.Creators[0] }))
            .Expect(HttpStatusCode.Created);
        var source = "list-" + Guid.NewGuid().ToString("N")[..6];
        var attributed = await (await api.Client().PostJson("/api/v1/conversions",
            new { source, orderId = "A-1", amount = new { amount = 1000, currency = "EUR" }, occurredAt = DateTimeOffset.UtcNow, promoCode = code }))
                .Expect(HttpStatusCode.Created);
        var orphan = await (await api.Client().PostJson("/api/v1/conversions",
            new { source, orderId = "A-2", amount = new { amount = 500, currency = "EUR" }, occurredAt = DateTimeOffset.UtcNow }))
                .Expect(HttpStatusCode.Created);

        var all = await (await api.Client(Roles.Viewer).GetAsync($"/api/v1/conversions?source={source}")).Expect(HttpStatusCode.OK);
        Assert.Equal([(string)orphan["id"]!, (string)attributed["id"]!], all["items"]!.AsArray().Select(x => (string)x!["id"]!));
        var codes = await (await api.Client(Roles.Viewer).GetAsync($"/api/v1/promo-codes?campaignId={setup.CampaignId}")).Expect(HttpStatusCode.OK);
        Assert.Equal(code, (string)Assert.Single(codes["items"]!.AsArray())!["code"]!);
        var none = await (await api.Client().GetAsync($"/api/v1/conversions?source={source}&attribution=none")).Expect(HttpStatusCode.OK);
        var single = Assert.Single(none["items"]!.AsArray());
        Assert.False(string.IsNullOrEmpty((string)single!["attributionReason"]!));
        await (await api.Client().GetAsync("/api/v1/conversions?attribution=maybe")).Expect(HttpStatusCode.BadRequest);
    }
}

public sealed class ListConversionsOnSqlite(SqliteApiFixture api) : ListConversionsTests(api), IClassFixture<SqliteApiFixture>;

public sealed class ListConversionsOnSqlServer(SqlServerApiFixture api) : ListConversionsTests(api), IClassFixture<SqlServerApiFixture>;
