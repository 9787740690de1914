using System.Globalization;
using System.Net;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Campaigns;

/// <summary>
/// What the tests of Today and of the overdue count set up through the API, written once: days from today, unique
/// names, the overdue count, a campaign with a creator on its roster.
/// </summary>
internal static class CampaignSetup
{
    public const string CampaignsRoute = "/api/v1/campaigns";

    /// <summary>Today plus <paramref name="offset"/> days, as the API takes dates (yyyy-MM-dd).</summary>
    public static string Day(int offset) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 8)];

    /// <summary>GET /api/v1/campaigns/overdue/count (with <paramref name="query"/>, e.g. "?asOf=…").</summary>
    public static async Task<int> OverdueCountAsync(HttpClient client, string query = "") =>
        (int)(await (await client.GetAsync($"{CampaignsRoute}/overdue/count{query}")).Expect(HttpStatusCode.OK))["count"]!;

    /// <summary>A campaign of Acme on Instagram in France, from <paramref name="startsIn"/> to <paramref name="endsIn"/> days from today.</summary>
    public static async Task<string> CampaignAsync(HttpClient client, string name, int startsIn, int endsIn) =>
        (string)(await (await client.PostJson(CampaignsRoute, new
        {
            name,
            brand = "Acme",
            platforms = new[] { "instagram" },
            markets = new[] { "FR" },
            startsOn = Day(startsIn),
            endsOn = Day(endsIn),
        })).Expect(HttpStatusCode.Created))["id"]!;

    /// <summary>A campaign (see <see cref="CampaignAsync"/>) with a new creator invited on its roster: deliverables can be planned for the member.</summary>
    public static async Task<(string Campaign, string Member)> WithRosterAsync(HttpClient client, string name, int startsIn = -20, int endsIn = 30)
    {
        var campaign = await CampaignAsync(client, name, startsIn, endsIn);
        var creator = (string)(await (await client.PostJson("/api/v1/creators", new { displayName = Unique("Late ") })).Expect(HttpStatusCode.Created))["id"]!;
        var member = (string)(await (await client.PostJson($"{CampaignsRoute}/{campaign}/roster", new { creatorId = creator }))
            .Expect(HttpStatusCode.Created))["id"]!;
        return (campaign, member);
    }
}
