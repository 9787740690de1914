using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Performance;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Performance.Links;

/// <summary>The redirect over HTTP: UTM parameters kept and added, the click id, the clicks stored.</summary>
public abstract class FollowLinkTests : PerformanceApiTests
{
    private protected FollowLinkTests(ApiFixture api)
        : base(api)
    {
    }

    [Fact]
    public async Task A_link_adds_utm_parameters_keeps_the_others_and_redirects_with_a_click_id()
    {
        var setup = await Campaign(1);
        var link = await Link(setup.CampaignId, setup.Deliverables[0].Id);
        var destination = (string)link["destination"]!;
        Assert.Contains("ref=insta", destination, StringComparison.Ordinal);
        Assert.Contains("utm_source=instagram", destination, StringComparison.Ordinal);
        Assert.Contains("utm_medium=influencer", destination, StringComparison.Ordinal);
        Assert.Contains($"utm_content={setup.Deliverables[0].Id}", destination, StringComparison.Ordinal);
        Assert.DoesNotContain("utm_source=old", destination, StringComparison.Ordinal);
        Assert.EndsWith("#top", destination, StringComparison.Ordinal);

        var client = api.Visitor();
        var request = new HttpRequestMessage(HttpMethod.Get, (string)link["shortUrl"]!);
        request.Headers.UserAgent.ParseAdd("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Instagram 300.0");
        request.Headers.Referrer = new Uri("https://l.instagram.com/");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("https://shop.example.com/serum?", location, StringComparison.Ordinal);
        Assert.Matches("icid=ck_[0-9A-Z]{26}#top$", location);

        var bot = new HttpRequestMessage(HttpMethod.Get, (string)link["shortUrl"]!);
        bot.Headers.UserAgent.ParseAdd("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SendAsync(bot)).StatusCode);

        var linkId = (string)link["id"]!;
        await WaitForClicks(linkId, 2);
        await using var c = await api.Db.OpenAsync();
        var rows = (await c.QueryAsync<(object IpHash, bool IsBot,
            string? Referrer)>("SELECT ip_hash, is_bot, referrer FROM perf_clicks WHERE link_id = @linkId ORDER BY clicked_at", new { linkId })).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal([false, true], rows.Select(r => r.IsBot));
        // A 32-byte hash: bytes on SQLite, hex text on SQL Server.
        Assert.All(rows, r => Assert.Matches("^[0-9a-f]{64}$", r.IpHash is byte[] bytes ? Convert.ToHexStringLower(bytes) : ((string)r.IpHash).Trim()));
        Assert.Equal("https://l.instagram.com/", rows[0].Referrer);
        var daily = await c.QuerySingleAsync<(long Clicks, long Human)>("SELECT clicks, human_clicks FROM perf_link_daily WHERE link_id = @linkId",
            new { linkId });
        Assert.Equal((2L, 1L), daily);
        // No address anywhere: every stored hash is 32 bytes (SQLite) or their 64 hex characters (SQL Server).
        Assert.Equal(0L, await c.ExecuteScalarAsync<long>(api.Db.Provider == DatabaseProvider.SqlServer
            ? "SELECT COUNT(*) FROM perf_clicks WHERE ip_hash LIKE '%[^0-9a-f]%'"
            : "SELECT COUNT(*) FROM perf_clicks WHERE typeof(ip_hash) <> 'blob' OR length(ip_hash) <> 32"));
    }
}

public sealed class FollowLinkOnSqlite(SqliteApiFixture api) : FollowLinkTests(api), IClassFixture<SqliteApiFixture>;

public sealed class FollowLinkOnSqlServer(SqlServerApiFixture api) : FollowLinkTests(api), IClassFixture<SqlServerApiFixture>;
