using System.Net;
using Dapper;
using InfluenceCrm.Tests.Infrastructure;
using InfluenceCrm.Tests.Performance;
using InfluenceCrm.Tests.Performance.Clicks;
using Microsoft.AspNetCore.Http;

namespace InfluenceCrm.Tests.Platform.Http;

public sealed class BehindProxyFixture : SqliteApiFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ForwardedHeaders:KnownNetworks"] = "10.0.0.0/8",
        ["PublicBaseUrl"] = "https://go.brand.example/",
    };
}

/// <summary>Behind a reverse proxy: the client's address comes from X-Forwarded-For of known proxies only; public URLs from PublicBaseUrl.</summary>
public sealed class ProxyTests(BehindProxyFixture api) : IClassFixture<BehindProxyFixture>
{
    [Fact]
    public async Task Two_visitors_through_a_known_proxy_are_two_unique_visitors_and_an_unknown_proxy_is_not_believed()
    {
        var link = await ClicksTable.LinkAsync(api);
        var code = (string)link["code"]!;
        Assert.Equal($"https://go.brand.example/r/{code}", (string)link["shortUrl"]!);

        async Task Click(string proxy, string forwardedFor)
        {
            var context = await api.Server.SendAsync(http =>
            {
                http.Connection.RemoteIpAddress = IPAddress.Parse(proxy);
                http.Request.Method = "GET";
                http.Request.Path = $"/r/{code}";
                http.Request.Headers.UserAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148";
                http.Request.Headers["X-Forwarded-For"] = forwardedFor;
            });
            Assert.Equal(StatusCodes.Status302Found, context.Response.StatusCode);
        }

        await Click("127.0.0.1", "203.0.113.5"); // loopback: trusted by default
        await Click("10.1.2.3", "203.0.113.6"); // the configured network
        await Click("10.1.2.3", "203.0.113.6"); // the same visitor again
        await Click("198.51.100.7", "203.0.113.50"); // not a known proxy: its X-Forwarded-For is ignored...
        await Click("198.51.100.7", "203.0.113.51"); // ...so these two are one visitor, the proxy itself

        await using var c = await api.Db.OpenAsync();
        for (var i = 0; i < 600 && await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM perf_clicks WHERE link_id = @id", new { id = (string)link["id"]! }) < 5; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(3L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM perf_link_day_visitors WHERE link_id = @id", new { id = (string)link["id"]! }));
    }

    [Theory]
    [InlineData("/api/v1/creators")]
    [InlineData("/consent/not-a-token")]
    public async Task Https_through_a_known_proxy_gets_hsts_and_personal_answers_are_not_stored(string path)
    {
        async Task<IHeaderDictionary> Get(string proxy, string? proto)
        {
            var context = await api.Server.SendAsync(http =>
            {
                http.Connection.RemoteIpAddress = IPAddress.Parse(proxy);
                http.Request.Method = "GET";
                http.Request.Path = path;
                if (proto is not null)
                {
                    http.Request.Headers["X-Forwarded-Proto"] = proto;
                }
            });
            return context.Response.Headers;
        }

        var https = await Get("10.1.2.3", "https");
        Assert.StartsWith("max-age=", https.StrictTransportSecurity.ToString(), StringComparison.Ordinal);
        Assert.Equal("no-store", https.CacheControl.ToString());
        Assert.Equal("", (await Get("10.1.2.3", null)).StrictTransportSecurity.ToString()); // plain http: HSTS means nothing there
        Assert.Equal("", (await Get("198.51.100.7", "https")).StrictTransportSecurity.ToString()); // not a proxy we trust
        Assert.Equal("no-store", (await Get("10.1.2.3", null)).CacheControl.ToString());
    }

    [Fact]
    public async Task An_api_answer_with_personal_data_is_not_stored_and_static_files_still_are_cacheable()
    {
        var list = await api.Client().GetAsync("/api/v1/creators");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.True(list.Headers.CacheControl?.NoStore, list.Headers.CacheControl?.ToString());
        var signIn = await api.Anonymous().GetAsync("/sign-in");
        Assert.True(signIn.Headers.CacheControl?.NoStore, $"/sign-in {signIn.StatusCode}: {signIn.Headers.CacheControl}");
        var css = await api.Anonymous().GetAsync("/_content/InfluenceCrm.Console/console.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.NotEqual(true, css.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Release_form_links_are_absolute_from_the_public_base_url()
    {
        var asset = await (await api.Client().PostJson("/api/v1/ugc/assets", new
        {
            sourceUrl = "https://www.tiktok.com/@camille/video/1",
            platform = "tiktok",
            authorHandle = "@camille",
            mediaType = "video",
            capturedAt = DateTimeOffset.UtcNow.AddDays(-1),
            sha256 = new string('a', 64),
        })).Expect(HttpStatusCode.Created);
        var created = await (await api.Client().PostJson("/api/v1/ugc/rights-requests", new
        {
            assetId = (string)asset["id"]!,
            method = "release_form",
            proposedTerms = new
            {
                licensor = new { name = "Camille", handle = "camille", identityVerified = true },
                licensees = new[] { "Acme" },
                rights = new[] { "reproduction" },
                channels = new[] { "website" },
                territories = new[] { "FR" },
                startsOn = DateTime.UtcNow.ToString("yyyy-MM-dd"),
            },
        })).Expect(HttpStatusCode.Created);
        Assert.Matches("^https://go\\.brand\\.example/consent/[A-Za-z0-9_-]{43}$", (string)created["releaseFormUrl"]!);
    }
}
