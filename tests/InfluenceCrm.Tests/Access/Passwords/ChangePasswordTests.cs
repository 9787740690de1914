using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using InfluenceCrm.Access;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Access.Passwords;

/// <summary>
/// /account checks the current password under the sign-in's throttle: a stolen session cannot guess the password there any
/// faster than at the sign-in page, the two count together, and a refused attempt reads as the sign-in's (FR and EN).
/// </summary>
public sealed class ChangePasswordTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    private const string Password = "the keeper of the old mill";

    private async Task<(CookieJar Browser, string PersonId)> SignedInAsync(string email)
    {
        var person = await api.Services.GetRequiredService<People>().EnsureMemberAsync(email, null, Password, api.MainWorkspaceId, Roles.Brand);
        var browser = new CookieJar(api);
        using var signedIn = await browser.SignInAsync(email, Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return (browser, person.Id);
    }

    private static Task<HttpResponseMessage> ChangeAsync(CookieJar browser, string current) =>
        browser.SubmitAsync("/account", "change-password", new Dictionary<string, string>
        {
            ["Form.CurrentPassword"] = current,
            ["Form.NewPassword"] = "a fresh passphrase of mine",
        });

    private static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [Fact]
    public async Task Wrong_current_passwords_on_the_account_page_slow_the_address_down_at_sign_in_too_and_are_audited()
    {
        var (browser, personId) = await SignedInAsync("guessed@acme.example");
        for (var i = 0; i < 4; i++)
        {
            using var wrong = await ChangeAsync(browser, "a guess number " + i);
            Assert.Contains("id=\"current-password-errors\"", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var watch = Stopwatch.StartNew();
        using var right = await new CookieJar(api).SignInAsync("guessed@acme.example", Password);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode); // slowed, never locked out
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1.5), $"the sign-in after four wrong guesses at /account waited {watch.Elapsed.TotalSeconds:F1} s");
        var log = await api.Client(Roles.Legal).GetStringAsync($"/api/v1/audit-log?entityId={personId}&limit=200");
        Assert.Equal(4, Regex.Matches(log, "person.password_change_failed").Count);
    }

    [Fact]
    public async Task A_throttled_address_is_refused_unchecked_with_the_sign_in_message_in_french_and_english()
    {
        const string Email = "flooded.account@acme.example";
        var (browser, personId) = await SignedInAsync(Email);
        var throttle = api.Services.GetRequiredService<SignInThrottle>();
        for (var i = 0; i < 40 && throttle.Reserve(Email, null) is not null; i++)
        {
        }

        using var french = await ChangeAsync(browser, Password); // the right password: refused all the same, unchecked
        var page = await TextAsync(french);
        Assert.Contains("Trop de tentatives pour cette adresse ou depuis ce réseau à l'instant", page, StringComparison.Ordinal);
        Assert.DoesNotContain("role=\"status\"", page, StringComparison.Ordinal);

        using (await browser.GetAsync("/console/culture?culture=en&back=/account"))
        {
        }

        using var english = await ChangeAsync(browser, Password);
        Assert.Contains("Too many attempts for this address or from this network just now", await TextAsync(english), StringComparison.Ordinal);

        var people = api.Services.GetRequiredService<People>();
        Assert.Equal(People.SignInOutcome.Succeeded, (await people.CheckPasswordAsync(Email, Password)).Outcome); // unchanged
        var log = await api.Client(Roles.Legal).GetStringAsync($"/api/v1/audit-log?entityId={personId}&limit=200");
        Assert.Equal(2, Regex.Matches(log, "person.password_change_throttled").Count);
        Assert.DoesNotContain("person.password_changed", log, StringComparison.Ordinal);
    }
}
