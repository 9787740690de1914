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
        var planned = await DeliverablePlans.PlanAsync(client);
        var drafts = planned.Drafts;

        var refusedDraft = new { caption = "Draft #ad", media = new[] { "https://cdn.example.com/ok.mp4", media } };
        var problem = await (await client.Send(HttpMethod.Post, drafts, refusedDraft, ifMatch: planned.ETag)).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("media", problem["errors"]!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        var unchanged = await (await client.GetAsync(planned.Url)).Expect(HttpStatusCode.OK);
        Assert.Equal("planned", (string)unchanged["status"]!);

        var draft = new { caption = "Draft #ad", media = new[] { "https://cdn.example.com/ok.mp4", "http://cdn.example.com/b.jpg" } };
        var submitted = await (await client.Send(HttpMethod.Post, drafts, draft, ifMatch: planned.ETag)).Expect(HttpStatusCode.OK);
        Assert.Equal("draft_submitted", (string)submitted["status"]!);
    }
}
