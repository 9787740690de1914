using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using InfluenceCrm.Access;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using InfluenceCrm.Tests.Platform.Mail;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Access.Passwords;

/// <summary>
/// Forgot password: one answer whatever the address; a link mailed to a real SMTP server that works once, within 30
/// minutes, for a password that follows the policy, and ends every session the person had.
/// </summary>
public sealed partial class PasswordResetTests(MailApiFixture api) : IClassFixture<MailApiFixture>
{
    private const string Password = "my first long password";

    [GeneratedRegex(@"https://crm\.acme\.example/reset-password/([A-Za-z0-9_-]{43})")]
    private static partial Regex ResetLink();

    [GeneratedRegex("<section class=\"narrow\">.*?</section>", RegexOptions.Singleline)]
    private static partial Regex Answer();

    private async Task<string> AskAsync(string email)
    {
        using var answer = await new CookieJar(api).SubmitAsync("/forgot-password", "forgot", new Dictionary<string, string> { ["Form.Email"] = email });
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return Answer().Match(await answer.Content.ReadAsStringAsync()).Value;
    }

    private async Task<string> MailedTokenAsync(string address, int nth = 1)
    {
        var mails = await api.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == address), nth);
        Assert.True(mails.Count >= nth, $"{nth} mail(s) for {address} expected, {mails.Count} arrived");
        var token = ResetLink().Match(mails[nth - 1].TextBody ?? "").Groups[1].Value;
        Assert.Equal(token, ResetLink().Match(mails[nth - 1].HtmlBody ?? "").Groups[1].Value);
        return token;
    }

    private static Dictionary<string, string> NewPassword(string password) => new() { ["Form.NewPassword"] = password };

    [Fact]
    public async Task A_mailed_link_sets_a_new_password_once_and_ends_every_session_even_a_copied_one()
    {
        await api.Smtp.StartAsync();
        await api.Services.GetRequiredService<People>()
            .EnsureMemberAsync("forgetful@acme.example", "Claire Dubois", Password, api.MainWorkspaceId, Roles.Brand);
        var browser = new CookieJar(api);
        using (var signedIn = await browser.SignInAsync("forgetful@acme.example", Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        var copy = browser.Copy();
        await AskAsync("Forgetful@Acme.example");
        var token = await MailedTokenAsync("forgetful@acme.example");
        await using (var c = await api.Db.OpenAsync())
        {
            var stored = await c.ExecuteScalarAsync<string>("SELECT token_hash FROM platform_password_resets");
            Assert.NotEqual(token, stored); // only a hash is kept
        }

        using var refused = await new CookieJar(api).SubmitAsync($"/reset-password/{token}", "reset", NewPassword("claire dubois 2026"));
        Assert.Contains("id=\"new-password-errors\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal); // contains her name
        Assert.True(await copy.IsSignedInAsync()); // a refused password ends nothing and leaves the link usable

        using var reset = await new CookieJar(api).SubmitAsync($"/reset-password/{token}", "reset", NewPassword("a brand new passphrase"));
        Assert.Contains("role=\"status\"", await reset.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await browser.IsSignedInAsync());
        Assert.False(await copy.IsSignedInAsync());
        using (var old = await new CookieJar(api).SignInAsync("forgetful@acme.example", Password))
        {
            Assert.Equal(HttpStatusCode.OK, old.StatusCode); // the form again: the old password no longer opens
        }

        using (var fresh = await new CookieJar(api).SignInAsync("forgetful@acme.example", "a brand new passphrase"))
        {
            Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
        }

        using var twice = await new CookieJar(api).SubmitAsync($"/reset-password/{token}", "reset", NewPassword("yet another passphrase"));
        Assert.DoesNotContain("role=\"status\"", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var people = api.Services.GetRequiredService<People>();
        Assert.Equal(People.SignInOutcome.Failed, (await people.CheckPasswordAsync("forgetful@acme.example", "yet another passphrase")).Outcome);
    }

    [Fact]
    public async Task An_expired_link_is_refused()
    {
        await api.Smtp.StartAsync();
        await api.Services.GetRequiredService<People>().EnsureMemberAsync("late@acme.example", "Late", Password, api.MainWorkspaceId, Roles.Viewer);
        await AskAsync("late@acme.example");
        var token = await MailedTokenAsync("late@acme.example");
        var people = api.Services.GetRequiredService<People>();
        Assert.NotNull(await people.FindResetAsync(token));
        await using (var c = await api.Db.OpenAsync())
        {
            await c.ExecuteAsync("UPDATE platform_password_resets SET expires_at = @Past WHERE token_hash = @Hash",
                new { Past = DateTimeOffset.UtcNow.AddMinutes(-1), Hash = InfluenceCrm.Platform.Digest.Sha256Hex(token) });
        }

        using var expired = await new CookieJar(api).SubmitAsync($"/reset-password/{token}", "reset", NewPassword("a brand new passphrase"));
        Assert.DoesNotContain("role=\"status\"", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(People.SignInOutcome.Succeeded, (await people.CheckPasswordAsync("late@acme.example", Password)).Outcome);
    }

    [Fact]
    public async Task An_unknown_address_gets_the_same_answer_in_comparable_time_and_no_mail()
    {
        await api.Smtp.StartAsync();
        await api.Services.GetRequiredService<People>().EnsureMemberAsync("known@acme.example", "Known", Password, api.MainWorkspaceId, Roles.Viewer);
        await AskAsync("warm.up@acme.example");
        var known = new List<double>();
        var unknown = new List<double>();
        string? knownAnswer = null, unknownAnswer = null;
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            knownAnswer = await AskAsync("known@acme.example");
            known.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            unknownAnswer = await AskAsync($"nobody{i}@acme.example");
            unknown.Add(watch.Elapsed.TotalMilliseconds);
        }

        Assert.Equal(knownAnswer, unknownAnswer);
        Assert.Contains("role=\"status\"", knownAnswer, StringComparison.Ordinal);
        var (k, u) = (known.Order().ElementAt(2), unknown.Order().ElementAt(2));
        Assert.True(Math.Abs(k - u) < Math.Max(50, 0.5 * Math.Max(k, u)), $"median known {k:F0} ms, unknown {u:F0} ms");
        await api.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == "known@acme.example"), 5);
        Assert.DoesNotContain(api.Smtp.Received, m => m.To.Mailboxes.Any(b => b.Address.StartsWith("nobody", StringComparison.Ordinal)));
    }
}
