using System.Globalization;
using System.Net;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Campaigns.Today;

/// <summary>
/// Today's overdue card (GetToday): it counts no further than 1,001 overdue deliverables and then reads "1,000+", while the
/// API's count stays exact. A workspace of its own (its fixture), since it plans over a thousand overdue deliverables.
/// </summary>
public sealed class GetTodayTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    private const string Campaigns = "/api/v1/campaigns";

    private static string Day(int offset) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 8)];

    private async Task<int> CountAsync(HttpClient client) =>
        (int)(await (await client.GetAsync($"{Campaigns}/overdue/count")).Expect(HttpStatusCode.OK))["count"]!;

    [Fact]
    public async Task Todays_card_stops_counting_above_a_thousand_and_says_so_while_the_api_count_stays_exact()
    {
        var campaign = (string)(await (await api.Client().PostJson(Campaigns, new
        {
            name = Unique("Many late "),
            brand = "Acme",
            platforms = new[] { "instagram" },
            markets = new[] { "FR" },
            startsOn = Day(-20),
            endsOn = Day(30),
        })).Expect(HttpStatusCode.Created))["id"]!;
        var creator = (string)(await (await api.Client().PostJson("/api/v1/creators", new { displayName = Unique("Late ") }))
            .Expect(HttpStatusCode.Created))["id"]!;
        var member = (string)(await (await api.Client().PostJson($"{Campaigns}/{campaign}/roster", new { creatorId = creator }))
            .Expect(HttpStatusCode.Created))["id"]!;
        var console = await ConsoleSession.SignedInAsync(api, $"{Unique("today")}@acme.example", Roles.Viewer);
        static string Card(string page) =>
            System.Text.RegularExpressions.Regex.Match(page, "<span class=\"count\">([^<]*)</span>\\s*<span class=\"count-label\">[^<]*(?:retard|verdue)")
                .Groups[1].Value;

        for (var planned = await CountAsync(api.Client()); planned <= 1000; planned++)
        {
            await (await api.Client().PostJson($"{Campaigns}/{campaign}/deliverables",
                new { rosterMemberId = member, platform = "instagram", format = "post", market = "FR", dueOn = Day(-1) })).Expect(HttpStatusCode.Created);
        }

        Assert.True(await CountAsync(api.Client()) > 1000);
        Assert.Matches("^1\\D?000\\+$", WebUtility.HtmlDecode(Card(await console.GetStringAsync("/")))); // "1 000+" in French
    }
}
