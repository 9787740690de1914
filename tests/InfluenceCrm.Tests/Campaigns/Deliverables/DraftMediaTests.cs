using System.Net;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Campaigns.Deliverables;

/// <summary>A draft's media are links people open from the console: only absolute http(s) URLs are taken.</summary>
public sealed class DraftMediaTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    [Theory]
    [InlineData("javascript:alert(document.cookie)")]
    [InlineData("JavaScript:alert(1)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("ftp://cdn.example.com/v1.mp4")]
    [InlineData("/media/v1.mp4")]
    [InlineData("//cdn.example.com/v1.mp4")]
    public async Task A_media_reference_that_is_not_an_http_link_is_refused_and_nothing_changes(string media)
    {
        var client = api.Client();
        var m = Guid.NewGuid().ToString("N")[..8];
        var creator = (string)(await (await client.PostJson("/api/v1/creators", new { displayName = "Media " + m })).Expect(HttpStatusCode.Created))["id"]!;
        var campaign = (string)(await (await client.PostJson("/api/v1/campaigns", new { name = "Media " + m, brand = "Acme" }))
            .Expect(HttpStatusCode.Created))["id"]!;
        var added = await client.PostJson($"/api/v1/campaigns/{campaign}/roster", new { creatorId = creator });
        var member = (string)(await added.Expect(HttpStatusCode.Created))["id"]!;
        await (await client.Send(HttpMethod.Patch, $"/api/v1/campaigns/{campaign}/roster/{member}",
            new { status = "confirmed", agreedFee = new { amount = 50_000, currency = "EUR" } }, ifMatch: added.ETag())).Expect(HttpStatusCode.OK);
        var planned = await client.PostJson($"/api/v1/campaigns/{campaign}/deliverables",
            new { rosterMemberId = member, platform = "tiktok", format = "reel", market = "FR", dueOn = "2030-01-15", title = "Reel " + m });
        var deliverable = (string)(await planned.Expect(HttpStatusCode.Created))["id"]!;
        var drafts = $"/api/v1/campaigns/{campaign}/deliverables/{deliverable}/drafts";

        var refusedDraft = new { caption = "Draft #ad", media = new[] { "https://cdn.example.com/ok.mp4", media } };
        var problem = await (await client.Send(HttpMethod.Post, drafts, refusedDraft, ifMatch: planned.ETag())).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("media", problem["errors"]!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        var unchanged = await (await client.GetAsync($"/api/v1/campaigns/{campaign}/deliverables/{deliverable}")).Expect(HttpStatusCode.OK);
        Assert.Equal("planned", (string)unchanged["status"]!);

        var draft = new { caption = "Draft #ad", media = new[] { "https://cdn.example.com/ok.mp4", "http://cdn.example.com/b.jpg" } };
        var submitted = await (await client.Send(HttpMethod.Post, drafts, draft, ifMatch: planned.ETag())).Expect(HttpStatusCode.OK);
        Assert.Equal("draft_submitted", (string)submitted["status"]!);
    }
}
