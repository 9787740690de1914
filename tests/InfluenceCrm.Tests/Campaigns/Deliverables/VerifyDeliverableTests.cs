using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Campaigns.Deliverables;

/// <summary>A deliverable from planned to verified (draft, review, publication, verification), every step kept.</summary>
public abstract class VerifyDeliverableTests(ApiFixture fixture) : CampaignsApiTests(fixture)
{
    [Fact]
    public async Task A_deliverable_goes_from_planned_to_verified_and_every_step_is_kept()
    {
        var (id, etag, _) = await CreateCampaign();
        var creator = await CreateCreator("Flow Creator");
        var (memberId, _) = await Confirmed(id, creator);
        var (deliverableId, dEtag) = await Plan(id, memberId, extra: new { title = "Serum reel" });
        var url = $"{Campaigns}/{id}/deliverables/{deliverableId}";

        async Task<string> Step(string role, string path, object body, string ifMatch, HttpStatusCode expected = HttpStatusCode.OK)
        {
            var response = await api.Client(role).Send(HttpMethod.Post, $"{url}/{path}", body, ifMatch: ifMatch);
            await response.Expect(expected);
            return expected == HttpStatusCode.OK ? response.ETag() : ifMatch;
        }

        var planned = await (await api.Client(Roles.Viewer).GetAsync(url)).Expect(HttpStatusCode.OK);
        Assert.Equal(["submit", "cancel"], planned["allowedSteps"]!.AsArray().Select(s => (string)s!)); // what an integration may offer
        Assert.True((bool)planned["planEditable"]!);
        await Step(Roles.Integration, "drafts", new { caption = "x" }, "\"9\"", HttpStatusCode.PreconditionFailed);
        await Step(Roles.Integration, "drafts", new { caption = "" }, dEtag, HttpStatusCode.BadRequest);
        await Step(Roles.Integration, "reviews", new { verdict = "approved" }, dEtag, HttpStatusCode.Forbidden);
        await Step(Roles.Brand, "reviews", new { verdict = "approved" }, dEtag, HttpStatusCode.Conflict); // nothing submitted yet
        dEtag = await Step(Roles.Integration, "drafts",
            new { caption = "Mon sérum préféré #ad", media = new[] { "https://cdn.example.com/v1.mp4" } }, dEtag);
        await Step(Roles.Legal, "reviews", new { verdict = "changes_requested" }, dEtag, HttpStatusCode.BadRequest); // a comment is required
        dEtag = await Step(Roles.Legal, "reviews", new { verdict = "changes_requested", comment = "Use « Publicité » for France, upfront." }, dEtag);
        dEtag = await Step(Roles.Integration, "drafts",
            new { caption = "Publicité – mon sérum préféré", media = new[] { "https://cdn.example.com/v2.mp4" } }, dEtag);
        dEtag = await Step(Roles.Legal, "reviews", new { verdict = "approved", comment = "OK for FR" }, dEtag);

        var publication = new
        {
            postUrl = "https://instagram.com/p/abc",
            publishedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
            onScreenText = "Publicité",
            spokenText = "",
            paidPartnershipLabel = true
        };
        var notLive = await (await api.Client().Send(HttpMethod.Post, $"{url}/publication", publication, ifMatch: dEtag)).Expect(HttpStatusCode.Conflict);
        Assert.Contains("live", (string)notLive["detail"]!, StringComparison.Ordinal);
        (_, etag) = await SetStatus(id, etag, "planned");
        await SetStatus(id, etag, "live");
        await Step(Roles.Integration, "publication", new { postUrl = "ftp://x", publishedAt = DateTimeOffset.UtcNow.AddDays(1) }, dEtag,
            HttpStatusCode.BadRequest);
        dEtag = await Step(Roles.Integration, "publication", publication, dEtag);
        await Step(Roles.Integration, "verification", new { }, dEtag, HttpStatusCode.Forbidden);
        dEtag = await Step(Roles.Brand, "verification", new { comment = "Live post checked" }, dEtag);
        await Step(Roles.Brand, "reviews", new { verdict = "approved" }, dEtag, HttpStatusCode.Conflict);

        var deliverable = await (await api.Client(Roles.Viewer).GetAsync(url)).Expect(HttpStatusCode.OK);
        Assert.Equal("verified", (string)deliverable["status"]!);
        Assert.Empty(deliverable["allowedSteps"]!.AsArray());
        Assert.False((bool)deliverable["planEditable"]!);
        Assert.Equal("Publicité – mon sérum préféré", (string)deliverable["publication"]!["finalCaption"]!);
        Assert.True((bool)deliverable["publication"]!["paidPartnershipLabel"]!);

        var history = (await (await api.Client(Roles.Viewer).GetAsync($"{url}/history")).Expect(HttpStatusCode.OK))["items"]!.AsArray();
        Assert.Equal(["submit", "request_changes", "submit", "approve", "publish", "verify"], history.Select(h => (string)h!["step"]!));
        Assert.Equal(["planned", "draft_submitted", "changes_requested", "resubmitted", "approved", "published"],
            history.Select(h => (string)h!["fromStatus"]!));
        Assert.Equal(["integration", "legal", "integration", "legal", "integration", "brand"], history.Select(h => (string)h!["actorRole"]!));
        Assert.Equal("Use « Publicité » for France, upfront.", (string)history[1]!["comment"]!);
        Assert.Equal("Mon sérum préféré #ad", (string)history[0]!["caption"]!);
        await (await api.OtherWorkspace().GetAsync($"{url}/history")).Expect(HttpStatusCode.NotFound);
        await using var c = await api.Db.OpenAsync();
        Assert.Equal(3L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM platform_audit_log WHERE entity_id = @deliverableId", new { deliverableId }));
    }
}

public sealed class VerifyDeliverableOnSqlite(SqliteApiFixture api) : VerifyDeliverableTests(api), IClassFixture<SqliteApiFixture>;

public sealed class VerifyDeliverableOnSqlServer(SqlServerApiFixture api) : VerifyDeliverableTests(api), IClassFixture<SqlServerApiFixture>;
