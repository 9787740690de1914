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

/// <summary>Links' codes, pauses, expiry and destination changes over HTTP.</summary>
public abstract class UpdateLinkTests : PerformanceApiTests
{
    private protected UpdateLinkTests(ApiFixture api)
        : base(api)
    {
    }

    [Fact]
    public async Task Codes_are_unique_links_pause_and_expire_and_destination_changes_are_kept()
    {
        var setup = await Campaign(1);
        var code = "serum" + Guid.NewGuid().ToString("N")[..6];
        var link = await Link(setup.CampaignId, setup.Deliverables[0].Id, code: code);
        Assert.Equal($"http://localhost/r/{code}", (string)link["shortUrl"]!); // absolute on the request's host without PublicBaseUrl
        await (await api.Client()
            .PostJson("/api/v1/links",
            new { campaignId = setup.CampaignId, deliverableId = setup.Deliverables[1].Id, destination = "https://shop.example.com", code }))
            .Expect(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Visitor().GetAsync("/r/nope" + code)).StatusCode);

        var id = (string)link["id"]!;
        var etag = (await api.Client().GetAsync($"/api/v1/links/{id}")).ETag();
        await (await api.Client().Send(HttpMethod.Patch, $"/api/v1/links/{id}", new { status = "paused" })).Expect(HttpStatusCode.PreconditionRequired);
        var paused = await api.Client().Send(HttpMethod.Patch, $"/api/v1/links/{id}", new { status = "paused" }, ifMatch: etag);
        await paused.Expect(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Gone, (await api.Visitor().GetAsync($"/r/{code}")).StatusCode);

        var moved = await api.Client()
            .Send(HttpMethod.Patch, $"/api/v1/links/{id}", new { status = "active", destination = "https://shop.example.com/new-serum" },
            ifMatch: paused.ETag());
        await moved.Expect(HttpStatusCode.OK);
        var redirect = await api.Visitor().GetAsync($"/r/{code}");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.StartsWith("https://shop.example.com/new-serum?utm_source=instagram", redirect.Headers.Location!.ToString(), StringComparison.Ordinal);
        var read = await (await api.Client().GetAsync($"/api/v1/links/{id}")).Expect(HttpStatusCode.OK);
        Assert.Contains("/serum?ref=insta", (string)read["history"]![0]!["destination"]!, StringComparison.Ordinal);

        await (await api.Client()
            .Send(HttpMethod.Patch, $"/api/v1/links/{id}", new { expiresAt = DateTimeOffset.UtcNow.AddSeconds(-1) }, ifMatch: moved.ETag()))
            .Expect(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Gone, (await api.Visitor().GetAsync($"/r/{code}")).StatusCode);
        await (await api.OtherWorkspace().GetAsync($"/api/v1/links/{id}")).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_poll_that_read_the_link_before_a_pause_does_not_undo_it()
    {
        var setup = await Campaign(1);
        var code = "poll" + Guid.NewGuid().ToString("N")[..6];
        var link = await Link(setup.CampaignId, setup.Deliverables[0].Id, code: code);
        PerfStore.LinkRow beforeThePause;
        await using (var c = await api.Db.OpenAsync())
        {
            var rows = await c.QueryAsync<PerfStore.LinkRow>(PerfStore.ChangedSince, new { Since = DateTimeOffset.MinValue });
            beforeThePause = rows.Single(r => r.Code == code);
        }

        var id = (string)link["id"]!;
        var etag = (await api.Client().GetAsync($"/api/v1/links/{id}")).ETag();
        await (await api.Client().Send(HttpMethod.Patch, $"/api/v1/links/{id}", new { status = "paused" }, ifMatch: etag)).Expect(HttpStatusCode.OK);

        // The cache's poll may have read the row just before the pause and apply it just after the write applied its own.
        api.Services.GetRequiredService<InfluenceCrm.Performance.Links.LinkCache>().Apply(beforeThePause);
        Assert.Equal(HttpStatusCode.Gone, (await api.Visitor().GetAsync($"/r/{code}")).StatusCode);
    }
}

public sealed class UpdateLinkOnSqlite(SqliteApiFixture api) : UpdateLinkTests(api), IClassFixture<SqliteApiFixture>;

public sealed class UpdateLinkOnSqlServer(SqlServerApiFixture api) : UpdateLinkTests(api), IClassFixture<SqlServerApiFixture>;
