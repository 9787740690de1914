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

/// <summary>Creating a tracked link over HTTP: destinations checked and stored in their ASCII form.</summary>
public abstract class CreateLinkTests : PerformanceApiTests
{
    private protected CreateLinkTests(ApiFixture api)
        : base(api)
    {
    }

    [Theory]
    [InlineData("https://bücher.example/", "https://xn--bcher-kva.example/")]
    [InlineData("https://例え.テスト/パス?q=ü", "https://xn--r8jz45g.xn--zckzah/%E3%83%91%E3%82%B9?q=%C3%BC")]
    public async Task International_domain_names_are_stored_and_redirected_in_their_ascii_form(string destination, string ascii)
    {
        var setup = await Campaign(1);
        var link = await Link(setup.CampaignId, setup.Deliverables[0].Id, destination);
        Assert.StartsWith(ascii, (string)link["destination"]!, StringComparison.Ordinal);

        var response = await api.Visitor().GetAsync((string)link["shortUrl"]!);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.NonValidated["Location"].Single();
        Assert.StartsWith(ascii, location, StringComparison.Ordinal);
        Assert.All(location, ch => Assert.InRange(ch, '!', '~')); // what Kestrel lets through a header
    }

    [Fact]
    public async Task A_destination_too_long_once_its_utm_parameters_are_added_is_refused_and_nothing_is_stored()
    {
        var setup = await Campaign(1);
        var destination = "https://shop.example.com/?q=" + new string('é', 700); // 728 characters as sent, 4,228 percent-encoded
        var problem = await (await api.Client()
            .PostJson("/api/v1/links", new { campaignId = setup.CampaignId, deliverableId = setup.Deliverables[0].Id, destination }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Contains("2048", (string)problem["errors"]!["destination"]![0]!, StringComparison.Ordinal);
        await using var c = await api.Db.OpenAsync();
        Assert.Equal(0L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM perf_links WHERE campaign_id = @id", new { id = setup.CampaignId }));
    }

    [Theory]
    [InlineData("ftp://shop.example.com/x")]
    [InlineData("https://user:secret@shop.example.com/x")]
    [InlineData("http://localhost:8080/admin")]
    [InlineData("http://127.0.0.1/x")]
    [InlineData("http://10.1.2.3/x")]
    [InlineData("http://192.168.0.10/x")]
    [InlineData("http://[::1]/x")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://intranet/x")]
    [InlineData("not a url")]
    public async Task Unsafe_destinations_are_refused(string destination)
    {
        var setup = await Campaign(1);
        var problem = await (await api.Client()
            .PostJson("/api/v1/links", new { campaignId = setup.CampaignId, deliverableId = setup.Deliverables[0].Id, destination }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("destination"));
    }
}

public sealed class CreateLinkOnSqlite(SqliteApiFixture api) : CreateLinkTests(api), IClassFixture<SqliteApiFixture>;

public sealed class CreateLinkOnSqlServer(SqlServerApiFixture api) : CreateLinkTests(api), IClassFixture<SqlServerApiFixture>;
