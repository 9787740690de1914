using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Campaigns.Calendar;

/// <summary>The iCalendar feed: it parses, and its subscription secret opens that feed and nothing else.</summary>
public abstract class GetCalendarFeedTests(ApiFixture fixture) : CampaignsApiTests(fixture)
{
    [Fact]
    public async Task The_icalendar_feed_parses_and_its_subscription_secret_opens_that_feed_and_nothing_else()
    {
        var creator = await CreateCreator("Feed Creator");
        var (id, _, _) = await CreateCampaign(name: Unique("Feed "));
        var (otherCampaign, _, _) = await CreateCampaign(name: Unique("Other feed "));
        var (member, _) = await Confirmed(id, creator);
        var (d1, _) = await Plan(id, member, dueIn: 5);
        var (d2, _) = await Plan(id, member, platform: "tiktok", format: "story", dueIn: 6, extra: new { storyFrames = 3 });
        var (otherMember, _) = await Confirmed(otherCampaign, await CreateCreator("Other Creator"));
        await Plan(otherCampaign, otherMember, dueIn: 5);

        var created = await (await api.Client(Roles.Brand).PostJson("/api/v1/calendar-feeds", new { name = "Agency calendar", campaignId = id })).Expect(HttpStatusCode.Created);
        var url = (string)created["url"]!;
        Assert.Matches("^http://localhost/api/v1/calendar\\.ics\\?key=icfeed_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$", url);
        var secret = url[(url.IndexOf("key=", StringComparison.Ordinal) + 4)..];

        var feed = await api.Anonymous().GetAsync(url + $"&campaignId={otherCampaign}"); // a campaign feed shows its campaign, whatever the query asks
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType?.MediaType);
        var calendar = Ical.Net.Calendar.Load(await feed.Content.ReadAsStringAsync())!;
        var events = calendar.Events.OrderBy(e => e.Start!.Value).ToList();
        Assert.Equal([$"{d1}@influencecrm", $"{d2}@influencecrm"], events.Select(e => e.Uid));
        Assert.Equal(Today.AddDays(5), DateOnly.FromDateTime(events[0].Start!.Value));
        Assert.False(events[0].Start!.HasTime);
        Assert.Contains("Feed Creator", events[1].Summary, StringComparison.Ordinal);
        Assert.Contains("story (3 frames)", events[1].Summary, StringComparison.Ordinal);

        // The feed secret is no API key, and API keys do not travel in URLs.
        await (await api.WithKey(secret).GetAsync("/api/v1/creators")).Expect(HttpStatusCode.Unauthorized);
        await (await api.WithKey(secret).GetAsync("/api/v1/calendar.ics")).Expect(HttpStatusCode.Unauthorized);
        await (await api.Anonymous().GetAsync($"/api/v1/creators?key={secret}")).Expect(HttpStatusCode.Unauthorized);
        await (await api.Anonymous().GetAsync($"/api/v1/calendar.ics?key={Uri.EscapeDataString(api.Key(Roles.Viewer))}")).Expect(HttpStatusCode.Unauthorized);
        await (await api.Anonymous().GetAsync("/api/v1/calendar.ics")).Expect(HttpStatusCode.Unauthorized);

        var listed = await (await api.Client().GetAsync("/api/v1/calendar-feeds")).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(secret, listed.ToJsonString(), StringComparison.Ordinal);
        var feedId = (string)created["feed"]!["id"]!;
        Assert.Contains(listed["items"]!.AsArray(), f => (string)f!["id"]! == feedId);
        await (await api.Client(Roles.Viewer).GetAsync("/api/v1/calendar-feeds")).Expect(HttpStatusCode.Forbidden);
        await (await api.OtherWorkspace().Send(HttpMethod.Delete, $"/api/v1/calendar-feeds/{feedId}")).Expect(HttpStatusCode.NotFound);
        await (await api.Client(Roles.Brand).Send(HttpMethod.Delete, $"/api/v1/calendar-feeds/{feedId}")).Expect(HttpStatusCode.NoContent);
        await (await api.Anonymous().GetAsync(url)).Expect(HttpStatusCode.Unauthorized);

        var withHeader = await api.Client(Roles.Brand).GetAsync($"/api/v1/calendar.ics?campaignId={id}");
        Assert.Equal(2, Ical.Net.Calendar.Load(await withHeader.Content.ReadAsStringAsync())!.Events.Count);
    }
}

public sealed class GetCalendarFeedOnSqlite(SqliteApiFixture api) : GetCalendarFeedTests(api), IClassFixture<SqliteApiFixture>;

public sealed class GetCalendarFeedOnSqlServer(SqlServerApiFixture api) : GetCalendarFeedTests(api), IClassFixture<SqlServerApiFixture>;
