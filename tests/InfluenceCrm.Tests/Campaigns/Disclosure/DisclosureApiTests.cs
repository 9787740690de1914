using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Campaigns.Disclosure;

/// <summary>The disclosure check over HTTP, and deliverable verdicts kept and re-checked.</summary>
public abstract class DisclosureApiTests(ApiFixture api)
{
    private static string RulesInForce => InfluenceCrm.Campaigns.Disclosure.DisclosureRules.InForce(DateOnly.FromDateTime(DateTime.UtcNow)).Version;

    private static string Day(int offset) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_check_answers_a_verdict_with_findings_sources_and_rules_version()
    {
        var response = await (await api.Client(Roles.Integration).PostJson("/api/v1/compliance/disclosure-checks", new
        {
            market = "FR",
            platform = "instagram",
            format = "reel",
            caption = "Ma routine #collab",
            onScreenText = "",
            spokenText = "J'adore ce sérum",
            storyFrames = Array.Empty<object>(),
            paidPartnershipLabel = true,
            compensation = "paid",
            retouchedBody = true,
            aiGeneratedPerson = false,
            productCategory = "other",
        })).Expect(HttpStatusCode.OK);
        Assert.Equal("fail", (string)response["verdict"]!);
        Assert.Equal(RulesInForce, (string)response["rulesVersion"]!);
        var rules = response["findings"]!.AsArray().Where(f => (string)f!["severity"]! == "fail").Select(f => (string)f!["rule"]!).ToHashSet();
        Assert.Equal(["FR-DISC-MENTION", "FR-DISC-RETOUCHED"], rules.Order());
        Assert.All(response["findings"]!.AsArray(), f => Assert.False(string.IsNullOrEmpty((string?)f!["source"])));

        var blocked = await (await api.Client(Roles.Viewer).PostJson("/api/v1/compliance/disclosure-checks", new
        {
            market = "FR",
            platform = "tiktok",
            format = "short",
            caption = "Publicité",
            onScreenText = "Publicité",
            compensation = "paid",
            productCategory = "cosmetic_surgery",
        })).Expect(HttpStatusCode.OK);
        Assert.Equal("block", (string)blocked["verdict"]!);

        var uk = await (await api.Client().PostJson("/api/v1/compliance/disclosure-checks", new { market = "UK", platform = "instagram", format = "post", caption = "#ad hello", compensation = "paid" }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("GB", (string)uk["market"]!);
        Assert.Equal("pass", (string)uk["verdict"]!);
    }

    [Theory]
    [InlineData("""{"market":"XX","platform":"instagram","format":"post","compensation":"paid"}""", "market")]
    [InlineData("""{"market":"FR","platform":"myspace","format":"post","compensation":"paid"}""", "platform")]
    [InlineData("""{"market":"FR","platform":"instagram","format":"hologram","compensation":"paid"}""", "format")]
    [InlineData("""{"market":"FR","platform":"instagram","format":"post","compensation":"bribe"}""", "compensation")]
    [InlineData("""{"market":"FR","platform":"instagram","format":"post","compensation":"paid","productCategory":"vapes"}""", "productCategory")]
    [InlineData("""{"market":"FR","platform":"instagram","format":"post","compensation":"paid","mood":"happy"}""", "mood")]
    public async Task Bad_input_is_a_400_naming_the_field(string body, string field)
    {
        var problem = await (await api.Client().PostRaw("/api/v1/compliance/disclosure-checks", body)).Expect(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deliverable_verdict_is_kept_listed_for_legal_and_rechecked_when_the_caption_changes()
    {
        var creator = (string)(await (await api.Client().PostJson("/api/v1/creators", new { displayName = "Disclosure Creator" })).Expect(HttpStatusCode.Created))["id"]!;
        var campaignResponse = await api.Client().PostJson("/api/v1/campaigns", new { name = "Disclosure campaign", brand = "Acme", markets = new[] { "FR" }, startsOn = Day(-5), endsOn = Day(30) });
        var campaign = (string)(await campaignResponse.Expect(HttpStatusCode.Created))["id"]!;
        var added = await api.Client().PostJson($"/api/v1/campaigns/{campaign}/roster", new { creatorId = creator });
        var memberId = (string)(await added.Expect(HttpStatusCode.Created))["id"]!;
        await (await api.Client().Send(HttpMethod.Patch, $"/api/v1/campaigns/{campaign}/roster/{memberId}",
            new { status = "confirmed", agreedFee = new { amount = 50_000, currency = "EUR" } }, ifMatch: added.ETag())).Expect(HttpStatusCode.OK);
        var planned = await api.Client().PostJson($"/api/v1/campaigns/{campaign}/deliverables", new { rosterMemberId = memberId, platform = "instagram", format = "post", market = "FR", dueOn = Day(5) });
        var deliverable = (string)(await planned.Expect(HttpStatusCode.Created))["id"]!;
        var url = $"/api/v1/campaigns/{campaign}/deliverables/{deliverable}";
        var drafted = await api.Client().Send(HttpMethod.Post, $"{url}/drafts", new { caption = "Ma routine du matin #sp" }, ifMatch: planned.ETag());
        await drafted.Expect(HttpStatusCode.OK);

        await (await api.Client(Roles.Integration).PostJson($"{url}/disclosure-check", new { })).Expect(HttpStatusCode.Forbidden);
        var first = await (await api.Client(Roles.Legal).PostJson($"{url}/disclosure-check", new { retouchedBody = false })).Expect(HttpStatusCode.OK);
        Assert.Equal("fail", (string)first["verdict"]!);
        Assert.Equal(RulesInForce, (string)first["rulesVersion"]!);

        var list = await (await api.Client(Roles.Legal).GetAsync($"/api/v1/compliance/disclosure-verdicts?campaignId={campaign}")).Expect(HttpStatusCode.OK);
        Assert.Equal(0, (int)list["rechecked"]!);
        Assert.Equal("fail", (string)list["items"]![0]!["verdict"]!);
        Assert.Empty((await (await api.Client(Roles.Legal).GetAsync($"/api/v1/compliance/disclosure-verdicts?campaignId={campaign}&verdict=pass")).Json())["items"]!.AsArray());

        // The creator fixes the caption: legal's list sees it changed and checks again.
        var changes = await api.Client(Roles.Legal).Send(HttpMethod.Post, $"{url}/reviews", new { verdict = "changes_requested", comment = "Publicité upfront" }, ifMatch: drafted.ETag());
        await changes.Expect(HttpStatusCode.OK);
        await (await api.Client().Send(HttpMethod.Post, $"{url}/drafts", new { caption = "Publicité – ma routine du matin" }, ifMatch: changes.ETag())).Expect(HttpStatusCode.OK);
        var after = await (await api.Client(Roles.Legal).GetAsync($"/api/v1/compliance/disclosure-verdicts?campaignId={campaign}")).Expect(HttpStatusCode.OK);
        Assert.Equal(1, (int)after["rechecked"]!);
        Assert.Equal("pass", (string)after["items"]![0]!["verdict"]!);
        await (await api.Client(Roles.Viewer).GetAsync("/api/v1/compliance/disclosure-verdicts")).Expect(HttpStatusCode.Forbidden);
        await (await api.OtherWorkspace().PostJson($"{url}/disclosure-check", new { })).Expect(HttpStatusCode.NotFound);

        await using var c = await api.Db.OpenAsync();
        Assert.Equal(2L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM campaign_disclosure_verdicts WHERE deliverable_id = @deliverable", new { deliverable }));
        Assert.Equal(["deliverable.disclosure_fail", "deliverable.disclosure_pass"],
            await c.QueryAsync<string>("SELECT action FROM platform_audit_log WHERE entity_id = @deliverable AND action LIKE 'deliverable.disclosure%' ORDER BY occurred_at", new { deliverable }));
    }
}

public sealed class DisclosureApiOnSqlite(SqliteApiFixture api) : DisclosureApiTests(api), IClassFixture<SqliteApiFixture>;

public sealed class DisclosureApiOnSqlServer(SqlServerApiFixture api) : DisclosureApiTests(api), IClassFixture<SqlServerApiFixture>;
