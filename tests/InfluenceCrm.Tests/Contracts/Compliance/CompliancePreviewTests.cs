using System.Net;
using System.Text.RegularExpressions;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Contracts.Compliance;

/// <summary>
/// POST /legal/contracts/{id}/compliance-preview, the draft editor's live check: the form as typed, checked by the same request as
/// GET /api/v1/contracts/{id}/compliance, answered as the panel's HTML in the reader's language — and nothing saved. Without the
/// form's antiforgery token a 400 problem; a viewer, who may not read contracts, a 403.
/// </summary>
public sealed partial class CompliancePreviewTests(SqliteApiFixture fixture) : ContractsApiTests(fixture), IClassFixture<SqliteApiFixture>
{
    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [Fact]
    public async Task The_form_as_typed_is_checked_in_the_reader_s_language_and_nothing_is_saved()
    {
        var creator = await CreateCreator("Preview Creator", new { country = "FR" });
        var (id, _, _) = await CreateContract(creator, CompleteTerms());
        var legal = await ConsoleSession.SignedInAsync(api, $"preview.{Guid.NewGuid():N}@acme.example", Roles.Legal);
        var token = WebUtility.HtmlDecode(Token().Match(await legal.GetStringAsync($"/legal/contracts/{id}/edit")).Groups[1].Value);
        Assert.NotEmpty(token);

        // Belgian law typed where the French rules apply: the reason, in French for a French reader, before any save.
        using var preview = new HttpRequestMessage(HttpMethod.Post, $"/legal/contracts/{id}/compliance-preview")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["governingLaw"] = "BE" }),
        };
        preview.Headers.AcceptLanguage.ParseAdd("fr-FR");
        var answer = await legal.SendAsync(preview);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("text/html", answer.Content.Headers.ContentType!.MediaType);
        var html = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync());
        Assert.Contains("section class=\"card compliance\"", html, StringComparison.Ordinal);
        Assert.Contains("alors que les règles françaises s'appliquent", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", html, StringComparison.Ordinal); // the panel alone, to put beside the form

        // Nothing saved: the stored terms still designate French law, and their compliance is unchanged.
        var stored = await (await api.Client(Roles.Legal).GetAsync($"{Contracts}/{id}")).Expect(HttpStatusCode.OK);
        Assert.Equal("FR", (string)stored["terms"]!["governingLaw"]!);
        Assert.Equal(1, (int)stored["termsVersion"]!);

        // Without the form's token: a problem, not a 500.
        var forged = await legal.PostAsync($"/legal/contracts/{id}/compliance-preview",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["governingLaw"] = "BE" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("application/problem+json", forged.Content.Headers.ContentType!.MediaType);

        // A body that is no form, or a broken multipart one (the fuzzer's): a problem, not a 500.
        foreach (var (body, type) in new[] { ("--x\r\nbroken", "multipart/form-data; boundary=x"), ("{}", "application/json") })
        {
            var content = new StringContent(body);
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(type);
            var broken = await legal.PostAsync($"/legal/contracts/{id}/compliance-preview", content);
            Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
            Assert.Equal("application/problem+json", broken.Content.Headers.ContentType!.MediaType);
        }

        // A viewer may not read contracts, here as in the API.
        var viewer = await ConsoleSession.SignedInAsync(api, $"preview.{Guid.NewGuid():N}@acme.example", Roles.Viewer);
        var refused = await viewer.PostAsync($"/legal/contracts/{id}/compliance-preview",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["governingLaw"] = "BE" }));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
