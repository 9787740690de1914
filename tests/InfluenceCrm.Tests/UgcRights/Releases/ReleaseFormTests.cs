using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.UgcRights.Releases;

/// <summary>The public release form: the exact terms, the evidence and the grant recorded, security headers, 4xx, declining.</summary>
public abstract class ReleaseFormTests(ApiFixture fixture) : UgcRightsApiTests(fixture)
{
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
}

public sealed class ReleaseFormOnSqlite(SqliteApiFixture api) : ReleaseFormTests(api), IClassFixture<SqliteApiFixture>;

public sealed class ReleaseFormOnSqlServer(SqlServerApiFixture api) : ReleaseFormTests(api), IClassFixture<SqlServerApiFixture>;
