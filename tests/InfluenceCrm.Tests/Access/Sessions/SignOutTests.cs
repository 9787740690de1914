using System.Net;
using System.Text.RegularExpressions;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Access.Sessions;

/// <summary>Signing out is a form post of the console carrying its antiforgery token; a cross-site post without it is refused.</summary>
public sealed partial class SignOutTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    [GeneratedRegex("action=\"/sign-out\"[^>]*>\\s*<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex SignOutToken();

    [Fact]
    public async Task A_cross_site_post_without_the_token_does_not_sign_out_and_the_consoles_own_form_does()
    {
        var browser = await ConsoleSession.SignedInAsync(api, "leaver@acme.example", Roles.Viewer);

        using var forged = await browser.PostAsync("/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var page = await browser.GetStringAsync("/");
        var token = SignOutToken().Match(page);
        Assert.True(token.Success, "the console's sign-out form carries its token");
        using var signedOut = await browser.PostAsync("/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        }));
        Assert.Equal("/sign-in", signedOut.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task A_sign_out_whose_body_is_no_readable_form_is_refused_as_a_problem_not_a_500()
    {
        var browser = await ConsoleSession.SignedInAsync(api, "fuzzed@acme.example", Roles.Viewer);
        using var malformed = new StringContent("--x\r\nbroken");
        malformed.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");

        using var answer = await browser.PostAsync("/sign-out", malformed);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        using var today = await browser.GetAsync("/");
        Assert.Equal("/", today.RequestMessage!.RequestUri!.AbsolutePath); // still signed in: not sent to /sign-in
    }
}
