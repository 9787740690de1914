using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using InfluenceCrm.Access;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Access.Sessions;

/// <summary>
/// Sessions live on the server: a cookie copied before sign-out, a password change, "sign out everywhere" (the person's own
/// or an admin's, in the console or over the API) stops working at its next request.
/// </summary>
public sealed partial class SessionRevocationTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    private const string Password = "a quiet orchard at dawn";

    [GeneratedRegex("action=\"/sign-out\"[^>]*>\\s*<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex SignOutToken();

    private async Task<(CookieJar Browser, string PersonId)> SignedInAsync(string email, string role = Roles.Viewer)
    {
        var person = await api.Services.GetRequiredService<People>().EnsureMemberAsync(email, null, Password, api.MainWorkspaceId, role);
        var browser = new CookieJar(api);
        using var signedIn = await browser.SignInAsync(email, Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.True(await browser.IsSignedInAsync());
        return (browser, person.Id);
    }

    [Fact]
    public async Task A_cookie_copied_before_sign_out_no_longer_opens_the_console()
    {
        var (browser, _) = await SignedInAsync("copied@acme.example");
        var thief = browser.Copy();
        Assert.True(await thief.IsSignedInAsync());

        using var page = await browser.GetAsync("/");
        var token = WebUtility.HtmlDecode(SignOutToken().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value);
        using var signedOut = await browser.SendAsync(HttpMethod.Post, "/sign-out", new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        Assert.Equal("/sign-in", CookieJar.Location(signedOut));

        using var stolen = await thief.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, stolen.StatusCode);
        Assert.StartsWith("http://localhost/sign-in", CookieJar.Location(stolen), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_out_everywhere_on_the_persons_own_page_ends_every_session_of_theirs_and_nobody_elses()
    {
        var (laptop, _) = await SignedInAsync("everywhere@acme.example");
        var phone = new CookieJar(api);
        using (var signedIn = await phone.SignInAsync("everywhere@acme.example", Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        var copy = laptop.Copy();
        var (colleague, _) = await SignedInAsync("colleague@acme.example");

        using var ended = await laptop.SubmitAsync("/account", "sign-out-everywhere", new Dictionary<string, string>());
        Assert.Equal("/sign-in", new Uri(new Uri("http://localhost"), CookieJar.Location(ended)).AbsolutePath);

        Assert.False(await phone.IsSignedInAsync());
        Assert.False(await copy.IsSignedInAsync());
        Assert.True(await colleague.IsSignedInAsync());
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_and_keeps_this_one_and_the_new_password_follows_the_policy()
    {
        var (browser, _) = await SignedInAsync("changer@acme.example");
        var other = new CookieJar(api); // the person's session on another device
        using (var signedIn = await other.SignInAsync("changer@acme.example", Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        using var common = await browser.SubmitAsync("/account", "change-password", new Dictionary<string, string>
        {
            ["Form.CurrentPassword"] = Password,
            ["Form.NewPassword"] = "password1234",
        });
        Assert.Contains("id=\"new-password-errors\"", await common.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await other.IsSignedInAsync()); // a refused change ends nothing

        using var wrong = await browser.SubmitAsync("/account", "change-password", new Dictionary<string, string>
        {
            ["Form.CurrentPassword"] = "not my password at all",
            ["Form.NewPassword"] = "an entirely new phrase",
        });
        Assert.Contains("id=\"current-password-errors\"", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var changed = await browser.SubmitAsync("/account", "change-password", new Dictionary<string, string>
        {
            ["Form.CurrentPassword"] = Password,
            ["Form.NewPassword"] = "an entirely new phrase",
        });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("role=\"status\"", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await browser.IsSignedInAsync());
        Assert.False(await other.IsSignedInAsync());
        var people = api.Services.GetRequiredService<People>();
        Assert.Equal(People.SignInOutcome.Succeeded, (await people.CheckPasswordAsync("changer@acme.example", "an entirely new phrase")).Outcome);
    }

    [Fact]
    public async Task An_admin_signs_a_member_out_everywhere_over_the_api_and_nobody_else_may()
    {
        var (browser, personId) = await SignedInAsync("stolen.laptop@acme.example", Roles.Legal);

        using var viewer = await api.Client(Roles.Viewer).DeleteAsync($"/api/v1/members/{personId}/sessions");
        Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
        using var stranger = await api.OtherWorkspace().DeleteAsync($"/api/v1/members/{personId}/sessions");
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.True(await browser.IsSignedInAsync());

        using var ended = await api.Client(Roles.Admin).DeleteAsync($"/api/v1/members/{personId}/sessions");
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal(1, (await ended.Content.ReadFromJsonAsync<Dictionary<string, int>>())!["ended"]);
        Assert.False(await browser.IsSignedInAsync());

        using var again = await api.Client(Roles.Admin).DeleteAsync($"/api/v1/members/{personId}/sessions");
        Assert.Equal(0, (await again.Content.ReadFromJsonAsync<Dictionary<string, int>>())!["ended"]);
        var log = await api.Client(Roles.Legal).GetStringAsync($"/api/v1/audit-log?entityId={personId}");
        Assert.Contains("person.sessions_ended", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_ends_a_members_sessions_from_the_members_page()
    {
        var (member, personId) = await SignedInAsync("page.member@acme.example");
        var (admin, _) = await SignedInAsync("page.admin@acme.example", Roles.Admin);

        using var done = await admin.SubmitAsync("/settings/members", "member-" + personId, new Dictionary<string, string>
        {
            ["MemberForm.Role"] = "sessions",
            ["MemberForm.Version"] = "0",
        });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.False(await member.IsSignedInAsync());
        Assert.True(await admin.IsSignedInAsync());
    }
}
