using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Performance;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Performance;

/// <summary>What the performance API tests share: a campaign with creators and deliverables, links, the clicks stored.</summary>
public abstract class PerformanceApiTests
{
    private protected readonly ApiFixture api;

    private protected PerformanceApiTests(ApiFixture api) => this.api = api;

    private protected static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private protected static string Day(int offset) => Today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal sealed record Setup(string CampaignId, IReadOnlyList<(string Id, string CreatorId, string Platform)> Deliverables, IReadOnlyList<string> Creators);

    /// <summary>A campaign with creators (confirmed with fees) and two deliverables each.</summary>
    internal Task<Setup> Campaign(int creators = 2, long fee = 100_000) => CampaignAsync(api, creators, fee);

    /// <summary>The same, for tests of other classes (on any engine's fixture).</summary>
    internal static async Task<Setup> CampaignAsync(ApiFixture api, int creators = 2, long fee = 100_000)
    {
        var campaign = (string)(await (await api.Client().PostJson("/api/v1/campaigns", new
        {
            name = "Perf " + Guid.NewGuid().ToString("N")[..6],
            brand = "Acme",
            objectives = new object[] { new { type = "acquisition", target = 1000 }, new { type = "sales", target = 10 } },
            budget = new { amount = 1_000_000, currency = "EUR" },
            startsOn = Day(-30),
            endsOn = Day(30),
        })).Expect(HttpStatusCode.Created))["id"]!;
        var deliverables = new List<(string, string, string)>();
        var creatorIds = new List<string>();
        for (var i = 0; i < creators; i++)
        {
            var creator = (string)(await (await api.Client().PostJson("/api/v1/creators", new { displayName = $"Perf creator {i}" }))
                .Expect(HttpStatusCode.Created))["id"]!;
            creatorIds.Add(creator);
            var added = await api.Client().PostJson($"/api/v1/campaigns/{campaign}/roster", new { creatorId = creator });
            var member = (string)(await added.Expect(HttpStatusCode.Created))["id"]!;
            await (await api.Client().Send(HttpMethod.Patch, $"/api/v1/campaigns/{campaign}/roster/{member}",
                new { status = "confirmed", agreedFee = new { amount = fee, currency = "EUR" } }, ifMatch: added.ETag())).Expect(HttpStatusCode.OK);
            foreach (var platform in new[] { "instagram", "tiktok" })
            {
                var d = (string)(await (await api.Client().PostJson($"/api/v1/campaigns/{campaign}/deliverables",
                    new { rosterMemberId = member, platform, format = "post", market = "FR", dueOn = Day(3) })).Expect(HttpStatusCode.Created))["id"]!;
                deliverables.Add((d, creator, platform));
            }
        }

        return new Setup(campaign, deliverables, creatorIds);
    }

    private protected async Task<JsonNode> Link(string campaignId, string deliverableId,
        string destination = "https://shop.example.com/serum?ref=insta&utm_source=old#top", string? code = null) =>
        await (await api.Client(Roles.Integration).PostJson("/api/v1/links", new { campaignId, deliverableId, destination, code }))
            .Expect(HttpStatusCode.Created);

    private protected async Task<long> StoredClicks(string linkId)
    {
        await using var c = await api.Db.OpenAsync();
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM perf_clicks WHERE link_id = @linkId", new { linkId });
    }

    private protected async Task WaitForClicks(string linkId, long expected)
    {
        for (var i = 0; i < 600 && await StoredClicks(linkId) < expected; i++)
        {
            await Task.Delay(50);
        }
    }
}
