using System.Net;
using System.Text.RegularExpressions;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using static InfluenceCrm.Tests.Campaigns.CampaignSetup;

namespace InfluenceCrm.Tests.Campaigns.Today;

/// <summary>
/// Today (GetToday): the overdue card counts no further than 1,001 overdue deliverables and then reads "1,000+", while the
/// API's count stays exact; the campaigns starting or ending this week are all found however many campaigns run, listed
/// by that day (the first ten) and counted, with a link to the campaigns list filtered the same way. Its own fixture, since
/// it plans over a thousand overdue deliverables; the campaigns in a workspace of their own.
/// </summary>
public sealed partial class GetTodayTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task Todays_card_stops_counting_above_a_thousand_and_says_so_while_the_api_count_stays_exact()
    {
        var (campaign, member) = await WithRosterAsync(api.Client(), Unique("Many late "));
        var console = await ConsoleSession.SignedInAsync(api, $"{Unique("today")}@acme.example", Roles.Viewer);
        static string Card(string page) =>
            Regex.Match(page, "<span class=\"count\">([^<]*)</span>\\s*<span class=\"count-label\">[^<]*(?:retard|verdue)").Groups[1].Value;

        for (var planned = await OverdueCountAsync(api.Client()); planned <= 1000; planned++)
        {
            await (await api.Client().PostJson($"{CampaignsRoute}/{campaign}/deliverables",
                new { rosterMemberId = member, platform = "instagram", format = "post", market = "FR", dueOn = Day(-1) })).Expect(HttpStatusCode.Created);
        }

        Assert.True(await OverdueCountAsync(api.Client()) > 1000);
        Assert.Matches("^1\\D?000\\+$", WebUtility.HtmlDecode(Card(await console.GetStringAsync("/")))); // "1 000+" in French
    }

    [Fact]
    public async Task Every_campaign_starting_or_ending_this_week_is_on_today_and_counted_among_sixty_running_across_it()
    {
        var (workspace, admin) = await Workspaces.NewAsync(api);
        // Made first, so that the sixty running campaigns are the newest: a search of the week's campaigns (newest first,
        // then filtered) would not reach these.
        var byDay = new (string Name, int StartsIn, int EndsIn)[]
        {
            ("Launch", 0, 7), ("Closing", -50, 1), ("Wrap-up", -5, 3), ("Flash", 4, 5), ("Spring", 6, 40), ("Next", 7, 9),
        };
        var milestones = new List<string>();
        foreach (var (name, startsIn, endsIn) in byDay)
        {
            milestones.Add(await CampaignAsync(admin, Unique(name + " "), startsIn, endsIn));
        }

        var outside = new List<string>
        {
            await CampaignAsync(admin, Unique("Later "), 8, 20), await CampaignAsync(admin, Unique("Over "), -20, -1),
            await CampaignAsync(admin, Unique("Across "), -1, 8),
        };
        for (var i = 0; i < 60; i++)
        {
            outside.Add(await CampaignAsync(admin, Unique("Running "), -30 - i, 30 + i));
        }

        var console = await ConsoleSession.SignedInAsync(api, $"{Unique("week")}@acme.example", Roles.Viewer, workspace);
        var today = await console.GetStringAsync("/");
        Assert.Equal(milestones, Listed(today)); // all six, by the day they start or end
        Assert.Equal("6", Count(today));
        Assert.DoesNotContain("id=\"all-campaigns\"", today, StringComparison.Ordinal); // all shown: no "see all"

        var more = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            more.Add(await CampaignAsync(admin, Unique("Tour "), 5, 50 + i));
        }

        today = await console.GetStringAsync("/");
        Assert.Equal(milestones.Take(4).Concat(more.Order(StringComparer.Ordinal)).Take(10), Listed(today));
        Assert.Equal("12", Count(today));
        var seeAll = WebUtility.HtmlDecode(SeeAll().Match(today).Groups["href"].Value);
        Assert.StartsWith("/campaigns?startingOrEnding=true&from=" + Day(0) + "&to=" + Day(7), seeAll, StringComparison.Ordinal);
        var list = await console.GetStringAsync(seeAll);
        var ids = CampaignLink().Matches(list).Select(m => m.Groups["id"].Value).ToList();
        Assert.Equal(milestones.Concat(more).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        Assert.Contains("id=\"starting-or-ending\"", list, StringComparison.Ordinal);
        Assert.Contains("checked", Regex.Match(list, "<input[^>]*id=\"startingOrEnding\"[^>]*>").Value, StringComparison.Ordinal);
        Assert.Equal(12, (int)(await (await admin.GetAsync($"{CampaignsRoute}/starting-or-ending/count?from={Day(0)}&to={Day(7)}"))
            .Expect(HttpStatusCode.OK))["count"]!);
    }

    /// <summary>The campaigns Today lists under "starting or ending this week", in its order.</summary>
    private static List<string> Listed(string page)
    {
        var section = page[page.IndexOf("<h2 id=\"campaigns\"", StringComparison.Ordinal)..];
        var end = section.IndexOf("</ul>", StringComparison.Ordinal);
        section = end < 0 ? "" : section[..end]; // none: the empty state
        return CampaignLink().Matches(section).Select(m => m.Groups["id"].Value).ToList();
    }

    /// <summary>The count in the section's heading ("… (12)").</summary>
    private static string Count(string page) => Regex.Match(page, "<h2 id=\"campaigns\">[^<]*\\((?<count>[^)]*)\\)</h2>").Groups["count"].Value;

    [GeneratedRegex("<a href=\"/campaigns/(?<id>[A-Za-z0-9_]+)\">")]
    private static partial Regex CampaignLink();

    [GeneratedRegex("<a id=\"all-campaigns\" href=\"(?<href>[^\"]+)\"")]
    private static partial Regex SeeAll();
}
