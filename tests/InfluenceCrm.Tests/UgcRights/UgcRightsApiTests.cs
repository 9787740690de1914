using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.UgcRights;

/// <summary>UGC rights end to end over HTTP, on SQLite and on SQL Server where one answers.</summary>
public abstract class UgcRightsApiTests(ApiFixture api)
{
    private const string Ugc = "/api/v1/ugc";
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    internal static string Day(int offset) => Today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static JsonObject Terms(string[]? channels = null, string[]? territories = null, int startIn = -30, int? endIn = 365, bool modification = false, string? law = "FR") => new()
    {
        ["licensor"] = new JsonObject { ["name"] = "Camille Dupont", ["handle"] = "camille.d", ["identityVerified"] = true },
        ["licensees"] = new JsonArray("Acme Beauty SAS"),
        ["rights"] = new JsonArray("reproduction", "public_display", "adaptation"),
        ["channels"] = new JsonArray((channels ?? ["organic_social", "website"]).Select(c => (JsonNode?)c).ToArray()),
        ["territories"] = new JsonArray((territories ?? ["FR", "BE"]).Select(t => (JsonNode?)t).ToArray()),
        ["startsOn"] = Day(startIn),
        ["endsOn"] = endIn is null ? null : Day(endIn.Value),
        ["modificationAllowed"] = modification,
        ["attributionRequired"] = true,
        ["governingLaw"] = law,
        ["purpose"] = "Product page and brand posts",
    };

    internal static JsonObject Evidence(string kind = "signed_document", DateTimeOffset? receivedAt = null) => new()
    {
        ["kind"] = kind,
        ["reference"] = "https://docs.example.com/release-42.pdf",
        ["receivedAt"] = receivedAt ?? DateTimeOffset.UtcNow.AddDays(-1),
    };

    private async Task<string> Asset(string platform = "instagram", JsonArray? people = null)
    {
        var body = await (await api.Client(Roles.Integration).PostJson($"{Ugc}/assets", new JsonObject
        {
            ["sourceUrl"] = "https://instagram.com/p/abc" + Guid.NewGuid().ToString("N")[..6],
            ["platform"] = platform,
            ["authorHandle"] = "@camille.d",
            ["mediaType"] = "image",
            ["capturedAt"] = DateTimeOffset.UtcNow.AddDays(-2),
            ["sha256"] = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            ["people"] = people ?? new JsonArray(),
        })).Expect(HttpStatusCode.Created);
        return (string)body["id"]!;
    }

    private async Task<(string Id, string ETag)> Grant(string assetId, JsonObject terms)
    {
        var response = await api.Client(Roles.Legal).PostJson($"{Ugc}/grants", new JsonObject { ["assetId"] = assetId, ["terms"] = terms, ["evidence"] = Evidence() });
        var body = await response.Expect(HttpStatusCode.Created);
        var id = (string)body["id"]!;
        return (id, (await api.Client().GetAsync($"{Ugc}/grants/{id}")).ETag());
    }

    private async Task<JsonNode> Check(string assetId, string channel = "organic_social", string territory = "FR", int dateIn = 0, bool modification = false, string role = Roles.Viewer) =>
        await (await api.Client(role).PostJson($"{Ugc}/rights-checks",
                new { assetId, channel, territory, date = Day(dateIn), modification, attribution = true }))
            .Expect(HttpStatusCode.OK);

    private static string[] Codes(JsonNode answer) => answer["reasons"]!.AsArray().Select(r => (string)r!["code"]!).Order().ToArray();

    [Fact]
    public async Task An_asset_with_a_grant_is_allowed_within_the_grant_and_blocked_outside_it_with_every_reason()
    {
        var asset = await Asset();
        var (grant, _) = await Grant(asset, Terms(modification: true));

        var allowed = await Check(asset, modification: true);
        Assert.Equal("allowed", (string)allowed["verdict"]!);
        Assert.Equal(grant, (string)allowed["grantId"]!);
        Assert.Equal(["covered"], Codes(allowed));

        Assert.Equal(["channel_not_granted"], Codes(await Check(asset, channel: "paid_social")));
        Assert.Equal(["territory_not_granted"], Codes(await Check(asset, territory: "US")));
        Assert.Equal(["not_started"], Codes(await Check(asset, dateIn: -40)));
        var both = await Check(asset, channel: "ooh_print", dateIn: 400);
        Assert.Equal("blocked", (string)both["verdict"]!);
        Assert.Null(both["grantId"]);
        Assert.Equal(["channel_not_granted", "expired"], Codes(both));

        var noModification = await Asset();
        await Grant(noModification, Terms(modification: false));
        Assert.Equal(["modification_not_allowed"], Codes(await Check(noModification, modification: true)));
        Assert.Equal(["no_grant"], Codes(await Check(await Asset())));
        await (await api.Client().PostJson($"{Ugc}/rights-checks", new { assetId = asset, channel = "billboard", territory = "France" })).Expect(HttpStatusCode.BadRequest);
        await (await api.OtherWorkspace().PostJson($"{Ugc}/rights-checks", new { assetId = asset, channel = "website", territory = "FR" })).Expect(HttpStatusCode.NotFound);

        await using var c = await api.Db.OpenAsync();
        Assert.True(await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM platform_audit_log WHERE entity_id = @asset AND action LIKE 'ugc.rights_check.%'", new { asset }) >= 5);
    }

    [Fact]
    public async Task A_superseded_grant_no_longer_counts_and_both_stay_readable()
    {
        var asset = await Asset();
        var (old, etag) = await Grant(asset, Terms(channels: ["organic_social"]));
        await (await api.Client().Send(HttpMethod.Post, $"{Ugc}/grants/{old}/supersession", new JsonObject { ["terms"] = Terms(channels: ["website"]), ["evidence"] = Evidence() }))
            .Expect(HttpStatusCode.PreconditionRequired);
        var response = await api.Client(Roles.Legal).Send(HttpMethod.Post, $"{Ugc}/grants/{old}/supersession",
            new JsonObject { ["terms"] = Terms(channels: ["website"]), ["evidence"] = Evidence() }, ifMatch: etag);
        var replacement = await response.Expect(HttpStatusCode.Created);
        Assert.Equal(old, (string)replacement["supersedesId"]!);

        Assert.Equal(["channel_not_granted", "superseded"], Codes(await Check(asset, channel: "organic_social")));
        Assert.Equal("allowed", (string)(await Check(asset, channel: "website"))["verdict"]!);
        var view = await (await api.Client().GetAsync($"{Ugc}/assets/{asset}")).Expect(HttpStatusCode.OK);
        var grants = view["grants"]!.AsArray();
        Assert.Equal(["superseded", "active"], grants.Select(g => (string)g!["status"]!));
        Assert.Equal((string)replacement["id"]!, (string)grants[0]!["supersededById"]!);
        await (await api.Client().Send(HttpMethod.Post, $"{Ugc}/grants/{old}/supersession", new JsonObject { ["terms"] = Terms(), ["evidence"] = Evidence() }, ifMatch: "*"))
            .Expect(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_revocation_in_the_future_covers_until_then_and_shows_in_the_alert_lists()
    {
        var asset = await Asset();
        var (grant, etag) = await Grant(asset, Terms());
        var revoked = await api.Client(Roles.Legal).Send(HttpMethod.Post, $"{Ugc}/grants/{grant}/revocation", new { effectiveOn = Day(10), reason = "Author asked to stop" }, ifMatch: etag);
        await revoked.Expect(HttpStatusCode.OK);

        Assert.Equal("allowed", (string)(await Check(asset, dateIn: 9))["verdict"]!);
        Assert.Equal(["revoked"], Codes(await Check(asset, dateIn: 10)));

        await (await api.Client().PostJson($"{Ugc}/assets/{asset}/usages", new { channel = "website", territory = "FR", from = Day(-5) })).Expect(HttpStatusCode.Created);
        var takedowns = await (await api.Client(Roles.Viewer).GetAsync($"{Ugc}/takedowns?withinDays=30")).Expect(HttpStatusCode.OK);
        var item = takedowns["items"]!.AsArray().Single(i => (string)i!["assetId"]! == asset)!;
        Assert.Equal("before", (string)item["urgency"]!);
        Assert.Equal(Day(10), (string)item["takeDownBefore"]!);
        Assert.Equal("revoked", (string)item["reasons"]![0]!["code"]!);

        var expiring = await (await api.Client().GetAsync($"{Ugc}/grants/expiring?withinDays=15")).Expect(HttpStatusCode.OK);
        Assert.Contains(expiring["items"]!.AsArray(), g => (string)g!["id"]! == grant);
        await (await api.Client().Send(HttpMethod.Post, $"{Ugc}/grants/{grant}/revocation", new { effectiveOn = Day(20), reason = "again" }, ifMatch: "*")).Expect(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_usage_no_grant_covers_is_to_take_down_now()
    {
        var asset = await Asset();
        await Grant(asset, Terms(channels: ["organic_social"]));
        await (await api.Client().PostJson($"{Ugc}/assets/{asset}/usages", new { channel = "paid_social", territory = "FR", from = Day(-1), until = Day(20) })).Expect(HttpStatusCode.Created);
        await (await api.Client().PostJson($"{Ugc}/assets/{asset}/usages", new { channel = "organic_social", territory = "FR", from = Day(-1), until = Day(20) })).Expect(HttpStatusCode.Created);
        var takedowns = await (await api.Client().GetAsync($"{Ugc}/takedowns")).Expect(HttpStatusCode.OK);
        var items = takedowns["items"]!.AsArray().Where(i => (string)i!["assetId"]! == asset).ToList();
        Assert.Single(items);
        Assert.Equal("now", (string)items[0]!["urgency"]!);
        Assert.Equal("paid_social", (string)items[0]!["channel"]!);
    }

    [Fact]
    public async Task A_minor_without_guardian_consent_blocks_even_a_perpetual_worldwide_grant_until_all_holders_consent()
    {
        var asset = await Asset(people: new JsonArray(new JsonObject { ["description"] = "Child on the left", ["isMinor"] = true, ["parentalAuthorityHolders"] = 2 }));
        await Grant(asset, Terms(channels: ["organic_social", "paid_social", "website"], territories: ["worldwide"], endIn: null, law: "US"));
        var blocked = await Check(asset, territory: "JP", dateIn: 3000);
        Assert.Equal("blocked", (string)blocked["verdict"]!);
        Assert.Equal(["minor_without_guardian_consent"], Codes(blocked));

        var person = (string)(await (await api.Client().GetAsync($"{Ugc}/assets/{asset}")).Json())["asset"]!["people"]![0]!["id"]!;
        var consent = $"{Ugc}/assets/{asset}/people/{person}/consents";
        await (await api.Client(Roles.Integration).PostJson(consent, new { kind = "guardian", holderName = "Mother", evidence = "signed form #1", obtainedAt = DateTimeOffset.UtcNow })).Expect(HttpStatusCode.Forbidden);
        await (await api.Client(Roles.Legal).PostJson(consent, new { kind = "guardian", holderName = "Mother", evidence = "signed form #1", obtainedAt = DateTimeOffset.UtcNow })).Expect(HttpStatusCode.OK);
        Assert.Equal("blocked", (string)(await Check(asset, territory: "JP"))["verdict"]!);
        await (await api.Client(Roles.Legal).PostJson(consent, new { kind = "guardian", holderName = "Mother", evidence = "again", obtainedAt = DateTimeOffset.UtcNow })).Expect(HttpStatusCode.Conflict);
        await (await api.Client(Roles.Legal).PostJson(consent, new { kind = "guardian", holderName = "Father", evidence = "signed form #2", obtainedAt = DateTimeOffset.UtcNow })).Expect(HttpStatusCode.OK);
        Assert.Equal("allowed", (string)(await Check(asset, territory: "JP"))["verdict"]!);
    }

    [Fact]
    public async Task A_person_shown_without_release_blocks_until_the_release_is_recorded()
    {
        var asset = await Asset(people: new JsonArray(new JsonObject { ["description"] = "Man in the background" }));
        await Grant(asset, Terms());
        Assert.Equal(["person_without_release"], Codes(await Check(asset)));
        var person = (string)(await (await api.Client().GetAsync($"{Ugc}/assets/{asset}")).Json())["asset"]!["people"]![0]!["id"]!;
        await (await api.Client(Roles.Brand).PostJson($"{Ugc}/assets/{asset}/people/{person}/consents", new { kind = "release", evidence = "release signed on site", obtainedAt = DateTimeOffset.UtcNow }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("allowed", (string)(await Check(asset))["verdict"]!);
    }

    [Fact]
    public async Task A_blanket_french_grant_answers_review()
    {
        var asset = await Asset();
        var terms = Terms(channels: ["all"]);
        terms["rights"] = new JsonArray("all");
        await Grant(asset, terms);
        var answer = await Check(asset);
        Assert.Equal("review", (string)answer["verdict"]!);
        Assert.Equal(["blanket_grant"], Codes(answer));
    }

    [Fact]
    public async Task Batch_checks_answer_each_asset_and_refuse_more_than_500()
    {
        var covered = await Asset();
        await Grant(covered, Terms());
        var bare = await Asset();
        var response = await (await api.Client().PostJson($"{Ugc}/rights-checks/batch", new
        {
            checks = new[]
            {
                new { assetId = covered, channel = "website", territory = "BE", attribution = true },
                new { assetId = bare, channel = "website", territory = "BE", attribution = true },
            },
        })).Expect(HttpStatusCode.OK);
        Assert.Equal(["allowed", "blocked"], response["results"]!.AsArray().Select(r => (string)r!["verdict"]!));
        var tooMany = Enumerable.Range(0, 501).Select(_ => new { assetId = covered, channel = "website", territory = "BE" }).ToArray();
        await (await api.Client().PostJson($"{Ugc}/rights-checks/batch", new { checks = tooMany })).Expect(HttpStatusCode.BadRequest);
        await (await api.Client().PostJson($"{Ugc}/rights-checks/batch", new { checks = Array.Empty<object>() })).Expect(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_reply_with_the_hashtag_from_the_author_grants_and_other_replies_need_review()
    {
        var asset = await Asset();
        async Task<(string Id, string ETag)> Ask()
        {
            var created = await api.Client(Roles.Brand).PostJson($"{Ugc}/rights-requests", new JsonObject
            {
                ["assetId"] = asset,
                ["method"] = "comment",
                ["approvalHashtag"] = "#YesAcme",
                ["proposedTerms"] = Terms(),
                ["windowDays"] = 7,
                ["language"] = "fr",
            });
            var body = await created.Expect(HttpStatusCode.Created);
            Assert.Null(body["releaseFormUrl"]);
            var id = (string)body["request"]!["id"]!;
            return (id, (await api.Client().GetAsync($"{Ugc}/rights-requests/{id}")).ETag());
        }

        var (granted, _) = await Ask();
        var reply = await (await api.Client().PostJson($"{Ugc}/rights-requests/{granted}/replies",
            new { authorHandle = "@Camille.D", text = "Avec plaisir ! #yesacme 😊", receivedAt = DateTimeOffset.UtcNow, permalink = "https://instagram.com/p/abc/c/1" }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("granted", (string)reply["status"]!);
        var grant = await (await api.Client().GetAsync($"{Ugc}/grants/{(string)reply["grantId"]!}")).Expect(HttpStatusCode.OK);
        Assert.Equal("comment_reply", (string)grant["evidence"]!["kind"]!);
        Assert.Equal("https://instagram.com/p/abc/c/1", (string)grant["evidence"]!["reference"]!);
        await (await api.Client().PostJson($"{Ugc}/rights-requests/{granted}/replies", new { authorHandle = "camille.d", text = "#YesAcme", receivedAt = DateTimeOffset.UtcNow })).Expect(HttpStatusCode.Conflict);

        var (tagOnly, _) = await Ask();
        var notTheTag = await (await api.Client().PostJson($"{Ugc}/rights-requests/{tagOnly}/replies",
            new { authorHandle = "camille.d", text = "Oui bien sûr #YesAcmeCorp", receivedAt = DateTimeOffset.UtcNow })).Expect(HttpStatusCode.OK);
        Assert.Equal("needs_review", (string)notTheTag["status"]!);
        var decided = await (await api.Client(Roles.Legal).Send(HttpMethod.Post, $"{Ugc}/rights-requests/{tagOnly}/decision",
            new JsonObject { ["outcome"] = "granted", ["evidence"] = Evidence("comment_reply", DateTimeOffset.UtcNow) }, ifMatch: "\"2\"")).Expect(HttpStatusCode.OK);
        Assert.Equal("granted", (string)decided["status"]!);
        Assert.NotNull(decided["grantId"]);

        var (stranger, _) = await Ask();
        Assert.Equal("needs_review", (string)(await (await api.Client().PostJson($"{Ugc}/rights-requests/{stranger}/replies",
            new { authorHandle = "someone.else", text = "#YesAcme", receivedAt = DateTimeOffset.UtcNow })).Json())["status"]!);
        await (await api.Client(Roles.Legal).Send(HttpMethod.Post, $"{Ugc}/rights-requests/{stranger}/decision", new { outcome = "denied" }, ifMatch: "\"2\"")).Expect(HttpStatusCode.OK);

        var (withdrawn, wEtag) = await Ask();
        await (await api.Client(Roles.Legal).Send(HttpMethod.Post, $"{Ugc}/rights-requests/{withdrawn}/decision", new { outcome = "granted", evidence = Evidence() }, ifMatch: wEtag))
            .Expect(HttpStatusCode.Conflict);
        await (await api.Client(Roles.Legal).Send(HttpMethod.Post, $"{Ugc}/rights-requests/{withdrawn}/decision", new { outcome = "withdrawn" }, ifMatch: wEtag)).Expect(HttpStatusCode.OK);

        // A reply dated before the request it would answer proves nothing about it (CPI L131-3: consent to this request).
        var (early, _) = await Ask();
        var before = await (await api.Client().PostJson($"{Ugc}/rights-requests/{early}/replies",
            new { authorHandle = "camille.d", text = "#YesAcme", receivedAt = DateTimeOffset.UtcNow.AddDays(-1) })).Expect(HttpStatusCode.BadRequest);
        Assert.NotNull(before["errors"]!["receivedAt"]);
    }

    [Fact]
    public async Task Tiktok_and_youtube_need_the_release_form()
    {
        var asset = await Asset(platform: "tiktok");
        var problem = await (await api.Client().PostJson($"{Ugc}/rights-requests", new JsonObject
        {
            ["assetId"] = asset,
            ["method"] = "comment",
            ["approvalHashtag"] = "#YesAcme",
            ["proposedTerms"] = Terms(),
        })).Expect(HttpStatusCode.Conflict);
        Assert.Contains("release_form", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_release_form_shows_the_exact_terms_and_acceptance_records_the_evidence_and_the_grant()
    {
        var asset = await Asset(platform: "youtube");
        var created = await (await api.Client(Roles.Brand).PostJson($"{Ugc}/rights-requests", new JsonObject
        {
            ["assetId"] = asset,
            ["method"] = "release_form",
            ["proposedTerms"] = Terms(),
            ["language"] = "fr",
        })).Expect(HttpStatusCode.Created);
        var url = (string)created["releaseFormUrl"]!;
        var requestId = (string)created["request"]!["id"]!;
        Assert.Matches("^http://localhost/consent/[A-Za-z0-9_-]{43}$", url);

        var page = await api.Anonymous().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Main brand peut-il utiliser votre contenu ?", html, StringComparison.Ordinal);
        // Each right on its own line, in words, with its channels, territories and period; no raw code anywhere.
        var period = $"du {Today.AddDays(-30).ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("fr-FR"))} au {Today.AddDays(365).ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("fr-FR"))}";
        Assert.Contains($"<li>Le montrer au public : sur les publications de la marque sur ses réseaux sociaux et le site web de la marque ; pays : France et Belgique ; {period}.</li>",
            html, StringComparison.Ordinal);
        Assert.Contains("<li>Copier votre contenu (le reproduire) : sur", html, StringComparison.Ordinal);
        Assert.DoesNotContain("public_display", html, StringComparison.Ordinal);
        Assert.DoesNotContain("organic_social", html, StringComparison.Ordinal);
        Assert.Contains("Vos données personnelles", html, StringComparison.Ordinal);
        Assert.Contains("CNIL", html, StringComparison.Ordinal);
        Assert.DoesNotContain(requestId, html, StringComparison.Ordinal);
        var english = await (await api.Anonymous().GetAsync(url + "?lang=en")).Content.ReadAsStringAsync();
        Assert.Contains("<li>Show it to the public: on the brand&#x27;s own social media posts and the brand&#x27;s website; countries: France and Belgium; from", english, StringComparison.Ordinal);

        var hash = Regex.Match(html, "name=\"textSha256\" value=\"([0-9a-f]{64})\"").Groups[1].Value;
        var tampered = await api.Anonymous().PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "accept", ["textSha256"] = new string('0', 64) }));
        Assert.Equal(HttpStatusCode.Conflict, tampered.StatusCode);
        var accepted = await api.Anonymous().PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "accept", ["textSha256"] = hash }));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains("Merci", await accepted.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var request = await (await api.Client().GetAsync($"{Ugc}/rights-requests/{requestId}")).Expect(HttpStatusCode.OK);
        Assert.Equal("granted", (string)request["status"]!);
        var grant = await (await api.Client().GetAsync($"{Ugc}/grants/{(string)request["grantId"]!}")).Expect(HttpStatusCode.OK);
        var evidence = grant["evidence"]!;
        Assert.Equal("release_form", (string)evidence["kind"]!);
        Assert.Equal("ugc-release-2/fr", (string)evidence["consentTextVersion"]!);
        Assert.Equal(hash, (string)evidence["textSha256"]!);
        Assert.Matches("^[0-9a-f]{64}$", (string)evidence["ipHash"]!);
        Assert.Equal("allowed", (string)(await Check(asset, channel: "website", territory: "BE"))["verdict"]!);

        Assert.Equal(HttpStatusCode.Gone, (await api.Anonymous().GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Anonymous().GetAsync("/consent/" + new string('A', 43))).StatusCode);
        await using var c = await api.Db.OpenAsync();
        Assert.Equal(1L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM platform_audit_log WHERE actor = 'release_form' AND entity_id = @asset", new { asset }));
        Assert.Equal(0L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ugc_rights_requests WHERE token_hash = @t", new { t = url["/consent/".Length..] }));
    }

    [Fact]
    public async Task The_release_form_sends_security_headers_and_answers_4xx_to_a_form_it_cannot_read()
    {
        var asset = await Asset(platform: "tiktok");
        var created = await (await api.Client().PostJson($"{Ugc}/rights-requests", new JsonObject { ["assetId"] = asset, ["method"] = "release_form", ["proposedTerms"] = Terms() }))
            .Expect(HttpStatusCode.Created);
        var url = (string)created["releaseFormUrl"]!;
        var page = await api.Anonymous().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());

        var unreadable = new (string Body, string ContentType)[]
        {
            ("--x\r\nContent-Disposition: form-data; name=\"decision\"\r\n\r\naccept", "multipart/form-data; boundary=x"),
            ("decision=accept", "multipart/form-data"),
            ("{\"decision\":\"accept\"}", "application/json"),
            (string.Join("&", Enumerable.Range(0, 50).Select(i => $"f{i}=v")), "application/x-www-form-urlencoded"),
            ("decision=accept&textSha256=" + new string('a', 5000), "application/x-www-form-urlencoded"),
        };
        static StringContent Raw(string body, string contentType)
        {
            var content = new StringContent(body);
            content.Headers.Remove("Content-Type");
            content.Headers.TryAddWithoutValidation("Content-Type", contentType); // as sent, even when malformed
            return content;
        }

        foreach (var (body, contentType) in unreadable)
        {
            var answer = await api.Anonymous().PostAsync(url, Raw(body, contentType));
            Assert.True((int)answer.StatusCode is >= 400 and < 500, $"{contentType}: {(int)answer.StatusCode}");
        }

        // An unknown token is refused before its body is read; the real request is still open.
        Assert.Equal(HttpStatusCode.NotFound, (await api.Anonymous().PostAsync("/consent/" + new string('A', 43), Raw("--x\r\nbroken", "multipart/form-data; boundary=x"))).StatusCode);
        Assert.Equal("requested", (string)(await (await api.Client().GetAsync($"{Ugc}/rights-requests/{(string)created["request"]!["id"]!}")).Expect(HttpStatusCode.OK))["status"]!);
    }

    [Fact]
    public async Task Rights_requests_are_listed_newest_first_by_asset_and_status()
    {
        var asset = await Asset(platform: "tiktok");
        var ids = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var created = await (await api.Client().PostJson($"{Ugc}/rights-requests", new JsonObject { ["assetId"] = asset, ["method"] = "release_form", ["proposedTerms"] = Terms() }))
                .Expect(HttpStatusCode.Created);
            ids.Add((string)created["request"]!["id"]!);
        }

        var listed = await (await api.Client(Roles.Viewer).GetAsync($"{Ugc}/rights-requests?assetId={asset}&status=requested")).Expect(HttpStatusCode.OK);
        Assert.Equal(ids.AsEnumerable().Reverse(), listed["items"]!.AsArray().Select(x => (string)x!["id"]!));
        Assert.Empty((await (await api.Client().GetAsync($"{Ugc}/rights-requests?assetId={asset}&status=granted")).Expect(HttpStatusCode.OK))["items"]!.AsArray());
        Assert.Empty((await (await api.OtherWorkspace().GetAsync($"{Ugc}/rights-requests?assetId={asset}")).Expect(HttpStatusCode.OK))["items"]!.AsArray());
        await (await api.Client().GetAsync($"{Ugc}/rights-requests?status=maybe")).Expect(HttpStatusCode.BadRequest);

        var grant = (string)(await (await api.Client(Roles.Legal).PostJson($"{Ugc}/grants", new JsonObject
        {
            ["assetId"] = asset,
            ["terms"] = Terms(),
            ["evidence"] = Evidence(),
        })).Expect(HttpStatusCode.Created))["id"]!;
        var grants = await (await api.Client(Roles.Viewer).GetAsync($"{Ugc}/grants?assetId={asset}&status=active")).Expect(HttpStatusCode.OK);
        Assert.Equal([grant], grants["items"]!.AsArray().Select(x => (string)x!["id"]!));
        Assert.Empty((await (await api.Client().GetAsync($"{Ugc}/grants?assetId={asset}&status=revoked")).Expect(HttpStatusCode.OK))["items"]!.AsArray());
    }

    [Fact]
    public async Task Declining_the_release_form_denies_the_request()
    {
        var asset = await Asset(platform: "tiktok");
        var created = await (await api.Client().PostJson($"{Ugc}/rights-requests", new JsonObject { ["assetId"] = asset, ["method"] = "release_form", ["proposedTerms"] = Terms() }))
            .Expect(HttpStatusCode.Created);
        var url = (string)created["releaseFormUrl"]!;
        var html = await (await api.Anonymous().GetAsync(url)).Content.ReadAsStringAsync();
        var hash = Regex.Match(html, "name=\"textSha256\" value=\"([0-9a-f]{64})\"").Groups[1].Value;
        var declined = await api.Anonymous().PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "decline", ["textSha256"] = hash }));
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        var request = await (await api.Client().GetAsync($"{Ugc}/rights-requests/{(string)created["request"]!["id"]!}")).Json();
        Assert.Equal("denied", (string)request["status"]!);
        Assert.Equal(["no_grant"], Codes(await Check(asset)));
    }

    [Fact]
    public async Task Invalid_assets_and_grants_answer_400()
    {
        var problem = await (await api.Client().PostJson($"{Ugc}/assets", new { sourceUrl = "nope", platform = "myspace", authorHandle = "", mediaType = "hologram", sha256 = "xyz" }))
            .Expect(HttpStatusCode.BadRequest);
        foreach (var field in new[] { "sourceUrl", "platform", "authorHandle", "mediaType", "sha256" })
        {
            Assert.True(problem["errors"]!.AsObject().ContainsKey(field), field);
        }

        var asset = await Asset();
        var bad = await (await api.Client(Roles.Legal).PostJson($"{Ugc}/grants", new JsonObject
        {
            ["assetId"] = asset,
            ["terms"] = new JsonObject { ["rights"] = new JsonArray("everything"), ["channels"] = new JsonArray(), ["territories"] = new JsonArray("Europe") },
            ["evidence"] = new JsonObject { ["kind"] = "gossip" },
        })).Expect(HttpStatusCode.BadRequest);
        foreach (var field in new[] { "terms.licensor", "terms.licensees", "terms.rights[0]", "terms.channels", "terms.territories[0]", "terms.startsOn", "evidence.kind", "evidence.reference" })
        {
            Assert.True(bad["errors"]!.AsObject().ContainsKey(field), $"{field}: {bad["errors"]!.ToJsonString()}");
        }

        await (await api.Client(Roles.Integration).PostJson($"{Ugc}/grants", new JsonObject { ["assetId"] = asset, ["terms"] = Terms(), ["evidence"] = Evidence() }))
            .Expect(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Assets_usages_grants_by_licensor_and_takedowns_are_listed_page_by_page()
    {
        var handle = "lister" + Guid.NewGuid().ToString("N")[..6];
        var assets = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            assets.Add((string)(await (await api.Client(Roles.Integration).PostJson($"{Ugc}/assets", new
            {
                sourceUrl = $"https://instagram.com/p/{handle}{i}",
                platform = "instagram",
                authorHandle = "@" + handle,
                mediaType = "image",
            })).Expect(HttpStatusCode.Created))["id"]!);
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await api.Client(Roles.Viewer).GetAsync($"{Ugc}/assets?authorHandle={handle.ToUpperInvariant()}&limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")))
                .Expect(HttpStatusCode.OK);
            seen.AddRange(page["items"]!.AsArray().Select(a => (string)a!["id"]!));
            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);
        Assert.Equal(assets.AsEnumerable().Reverse(), seen); // newest first

        var terms = Terms(endIn: 5);
        terms["licensor"]!["handle"] = handle;
        var (grant, _) = await Grant(assets[0], terms);
        var byLicensor = await (await api.Client(Roles.Legal).GetAsync($"{Ugc}/grants?licensor=@{handle}")).Expect(HttpStatusCode.OK);
        Assert.Equal([grant], byLicensor["items"]!.AsArray().Select(g => (string)g!["id"]!));
        Assert.Empty((await (await api.Client(Roles.Legal).GetAsync($"{Ugc}/grants?licensor=nobody-{handle}")).Expect(HttpStatusCode.OK))["items"]!.AsArray());

        foreach (var asset in assets)
        {
            await (await api.Client().PostJson($"{Ugc}/assets/{asset}/usages", new { channel = "website", territory = "FR", from = Day(-1) })).Expect(HttpStatusCode.Created);
        }

        var usages = await (await api.Client(Roles.Viewer).GetAsync($"{Ugc}/usages?assetId={assets[1]}&inForceOn={Day(0)}")).Expect(HttpStatusCode.OK);
        Assert.Equal(assets[1], (string)usages["items"]!.AsArray().Single()!["assetId"]!);
        Assert.Empty((await (await api.Client(Roles.Viewer).GetAsync($"{Ugc}/usages?assetId={assets[1]}&inForceOn={Day(-2)}")).Expect(HttpStatusCode.OK))["items"]!.AsArray());

        // Two uncovered usages (no grant) and one whose grant ends in 5 days: three take-downs, one page at a time.
        var takedowns = new List<(string UsageId, string AssetId)>();
        cursor = null;
        do
        {
            var page = await (await api.Client(Roles.Viewer).GetAsync("/api/v1/ugc/takedowns?limit=1" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"))).Expect(HttpStatusCode.OK);
            takedowns.AddRange(page["items"]!.AsArray().Select(t => ((string)t!["usageId"]!, (string)t["assetId"]!)));
            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);
        Assert.Equal(takedowns.Count, takedowns.Select(t => t.UsageId).Distinct().Count()); // no usage twice across pages
        Assert.Subset(takedowns.Select(t => t.AssetId).ToHashSet(), assets.ToHashSet()); // each of ours is there
        await (await api.Client(Roles.Viewer).GetAsync("/api/v1/ugc/takedowns?cursor=not-ours")).Expect(HttpStatusCode.BadRequest);
    }
}

public sealed class UgcRightsApiOnSqlite(SqliteApiFixture api) : UgcRightsApiTests(api), IClassFixture<SqliteApiFixture>;

public sealed class UgcRightsApiOnSqlServer(SqlServerApiFixture api) : UgcRightsApiTests(api), IClassFixture<SqlServerApiFixture>;
