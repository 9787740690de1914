using System.Net;
using InfluenceCrm.Tests.Infrastructure;
using InfluenceCrm.Tests.Performance;

namespace InfluenceCrm.Tests.Platform.Http;

/// <summary>Every Location header the API sends can be read with the same key (it used to answer 404 or 405 for several).</summary>
public sealed class LocationTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task Every_location_we_send_can_be_read()
    {
        var client = api.Client();
        var setup = await PerformanceApiTests.CampaignAsync(api, 1);
        var creator = setup.Creators[0];
        var asset = await client.PostJson("/api/v1/ugc/assets", new { sourceUrl = "https://instagram.com/p/loc", platform = "instagram", authorHandle = "loc", mediaType = "image" });
        var assetId = (string)(await asset.Expect(HttpStatusCode.Created))["id"]!;
        var otherCreator = (string)(await (await client.PostJson("/api/v1/creators", new { displayName = "Located" })).Expect(HttpStatusCode.Created))["id"]!;
        var created = new List<HttpResponseMessage>
        {
            asset,
            await client.PostJson($"/api/v1/creators/{creator}/social-accounts", new { platform = "youtube", handle = "loc" + Guid.NewGuid().ToString("N")[..6] }),
            await client.PostJson($"/api/v1/campaigns/{setup.CampaignId}/roster", new { creatorId = otherCreator }),
            await client.PostJson("/api/v1/promo-codes", new { code = "LOC" + Guid.NewGuid().ToString("N")[..6], campaignId = setup.CampaignId, creatorId = creator }),
            await client.PostJson("/api/v1/conversions", new { source = "shop", orderId = "L-1", amount = new { amount = 1000, currency = "EUR" }, occurredAt = DateTimeOffset.UtcNow }),
            await client.PostJson("/api/v1/links", new { campaignId = setup.CampaignId, creatorId = creator, destination = "https://shop.example.com/" }),
            await client.PostJson($"/api/v1/ugc/assets/{assetId}/usages", new { channel = "website", territory = "FR", from = "2027-01-01" }),
            await client.PostJson("/api/v1/calendar-feeds", new { name = "Located" }),
            await client.PostJson("/api/v1/api-keys", new { role = "viewer", name = "Located" }),
        };

        foreach (var response in created)
        {
            await response.Expect(HttpStatusCode.Created);
            var location = response.Headers.Location?.ToString() ?? throw new Xunit.Sdk.XunitException($"{response.RequestMessage!.RequestUri}: no Location");
            var read = await client.GetAsync(location);
            Assert.True(read.StatusCode == HttpStatusCode.OK, $"{location} answered {(int)read.StatusCode}");
        }
    }
}
