using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Campaigns.Deliverables;

/// <summary>
/// A deliverable's plan replaced (PUT …/deliverables/{id}) and a deliverable cancelled (POST …/cancellation): roles,
/// other workspaces, If-Match, the statuses they apply to, the history, the audit log and the webhook event.
/// </summary>
public sealed class DeliverableChangesTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    private const string Campaigns = "/api/v1/campaigns";

    private static string Day(int offset) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 8)];

    /// <summary>A campaign with one creator on its roster and one planned reel: (campaign, deliverable URL, its ETag).</summary>
    private async Task<(string CampaignId, string Url, string ETag)> PlannedAsync()
    {
        var campaign = (string)(await (await api.Client().PostJson(Campaigns, new
        {
            name = Unique("Changes "),
            brand = "Acme",
            platforms = new[] { "instagram" },
            markets = new[] { "FR" },
            startsOn = Day(-5),
            endsOn = Day(30),
        })).Expect(HttpStatusCode.Created))["id"]!;
        var creator = (string)(await (await api.Client().PostJson("/api/v1/creators", new { displayName = Unique("Planned ") }))
            .Expect(HttpStatusCode.Created))["id"]!;
        var member = (string)(await (await api.Client().PostJson($"{Campaigns}/{campaign}/roster", new { creatorId = creator }))
            .Expect(HttpStatusCode.Created))["id"]!;
        var planned = await api.Client().PostJson($"{Campaigns}/{campaign}/deliverables",
            new { rosterMemberId = member, platform = "instagram", format = "reel", market = "FR", dueOn = Day(7), title = "Serum reel" });
        var id = (string)(await planned.Expect(HttpStatusCode.Created))["id"]!;
        return (campaign, $"{Campaigns}/{campaign}/deliverables/{id}", planned.ETag());
    }

    [Fact]
    public async Task The_plan_is_replaced_with_if_match_and_kept_once_published()
    {
        var (_, url, etag) = await PlannedAsync();
        var body = new { title = "Serum story", dueOn = Day(9), format = "story", storyFrames = 4 };
        await (await api.Client().Send(HttpMethod.Put, url, body)).Expect(HttpStatusCode.PreconditionRequired);
        await (await api.Client().Send(HttpMethod.Put, url, body, ifMatch: "\"99\"")).Expect(HttpStatusCode.PreconditionFailed);
        await (await api.Client(Roles.Viewer).Send(HttpMethod.Put, url, body, ifMatch: etag)).Expect(HttpStatusCode.Forbidden);
        await (await api.Client(Roles.Legal).Send(HttpMethod.Put, url, body, ifMatch: etag)).Expect(HttpStatusCode.Forbidden);
        await (await api.OtherWorkspace().Send(HttpMethod.Put, url, body, ifMatch: etag)).Expect(HttpStatusCode.NotFound);

        var problem = await (await api.Client().Send(HttpMethod.Put, url, new { title = "x", dueOn = Day(9), format = "story" }, ifMatch: etag))
            .Expect(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["storyFrames"]);

        var response = await api.Client(Roles.Integration).Send(HttpMethod.Put, url, body, ifMatch: etag);
        var changed = await response.Expect(HttpStatusCode.OK);
        Assert.Equal(("Serum story", Day(9), "story", 4),
            ((string)changed["title"]!, (string)changed["dueOn"]!, (string)changed["format"]!, (int)changed["storyFrames"]!));
        Assert.Equal(("instagram", "FR", "planned"), ((string)changed["platform"]!, (string)changed["market"]!, (string)changed["status"]!));
        Assert.NotEqual(etag, response.ETag());
        await (await api.Client().Send(HttpMethod.Put, url, body, ifMatch: etag)).Expect(HttpStatusCode.PreconditionFailed); // the old ETag is stale

        // Drafted, approved and published: the plan no longer changes.
        var current = response.ETag();
        var draft = new { caption = "Publicité – mon sérum", media = new[] { "https://cdn.example.com/a.jpg" } };
        current = (await api.Client().Send(HttpMethod.Post, $"{url}/drafts", draft, ifMatch: current)).ETag();
        current = (await api.Client().Send(HttpMethod.Post, $"{url}/reviews", new { verdict = "approved" }, ifMatch: current)).ETag();
        var campaign = url.Split("/deliverables/")[0];
        var campaignRead = await api.Client().GetAsync(campaign);
        var planned = await api.Client().Send(HttpMethod.Post, $"{campaign}/status", new { status = "planned" }, ifMatch: campaignRead.ETag());
        await (await api.Client().Send(HttpMethod.Post, $"{campaign}/status", new { status = "live" }, ifMatch: planned.ETag())).Expect(HttpStatusCode.OK);
        var published = await api.Client().Send(HttpMethod.Post, $"{url}/publication",
            new { postUrl = "https://instagram.com/p/" + Unique("x"), publishedAt = DateTimeOffset.UtcNow.AddMinutes(-5), paidPartnershipLabel = true },
            ifMatch: current);
        await published.Expect(HttpStatusCode.OK);
        var refused = await (await api.Client().Send(HttpMethod.Put, url, body, ifMatch: published.ETag())).Expect(HttpStatusCode.Conflict);
        Assert.Contains("published", (string)refused["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_deliverable_is_final_kept_in_its_history_audited_announced_and_never_overdue()
    {
        var (campaign, url, etag) = await PlannedAsync();
        await (await api.Client(Roles.Admin).PostJson("/api/v1/webhooks/endpoints",
            new { url = "https://hooks.example.com/cancel", eventTypes = new[] { "deliverable.cancelled" } })).Expect(HttpStatusCode.Created);
        var body = new { reason = "The creator fell ill" };
        await (await api.Client().PostJson($"{url}/cancellation", body)).Expect(HttpStatusCode.PreconditionRequired);
        await (await api.Client().Send(HttpMethod.Post, $"{url}/cancellation", body, ifMatch: "\"99\"")).Expect(HttpStatusCode.PreconditionFailed);
        await (await api.Client(Roles.Viewer).Send(HttpMethod.Post, $"{url}/cancellation", body, ifMatch: etag)).Expect(HttpStatusCode.Forbidden);
        await (await api.OtherWorkspace().Send(HttpMethod.Post, $"{url}/cancellation", body, ifMatch: etag)).Expect(HttpStatusCode.NotFound);
        var problem = await (await api.Client().Send(HttpMethod.Post, $"{url}/cancellation", new { reason = " " }, ifMatch: etag))
            .Expect(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["reason"]);

        var response = await api.Client(Roles.Brand).Send(HttpMethod.Post, $"{url}/cancellation", body, ifMatch: etag);
        Assert.Equal("cancelled", (string)(await response.Expect(HttpStatusCode.OK))["status"]!);
        var again = await (await api.Client().Send(HttpMethod.Post, $"{url}/cancellation", body, ifMatch: response.ETag())).Expect(HttpStatusCode.Conflict);
        Assert.Contains("cancelled", (string)again["detail"]!, StringComparison.Ordinal);
        await (await api.Client().Send(HttpMethod.Put, url, new { dueOn = Day(3), format = "reel" }, ifMatch: response.ETag())).Expect(HttpStatusCode.Conflict);
        await (await api.Client().Send(HttpMethod.Post, $"{url}/drafts", new { caption = "late", media = Array.Empty<string>() }, ifMatch: response.ETag()))
            .Expect(HttpStatusCode.Conflict);

        var history = (await (await api.Client(Roles.Viewer).GetAsync($"{url}/history")).Expect(HttpStatusCode.OK))["items"]!.AsArray();
        var last = history[^1]!;
        Assert.Equal(("cancel", "planned", "cancelled", "The creator fell ill"),
            ((string)last["step"]!, (string)last["fromStatus"]!, (string)last["toStatus"]!, (string)last["comment"]!));
        var id = url.Split('/')[^1];
        await using var c = await api.Db.OpenAsync();
        Assert.Equal(1L, await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM platform_audit_log WHERE entity_id = @id AND action = 'deliverable.cancel'", new { id }));
        Assert.Equal(1L, await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM platform_webhook_events WHERE type = 'deliverable.cancelled' AND payload LIKE @like", new { like = $"%{id}%" }));

        Assert.DoesNotContain(await CampaignsApiTests.AllOverdue(api.Client(), Day(30)), i => (string)i["id"]! == id);
        var listed = await (await api.Client().GetAsync($"{Campaigns}/{campaign}/deliverables?status=cancelled")).Expect(HttpStatusCode.OK);
        Assert.Single(listed["items"]!.AsArray());
    }
}
