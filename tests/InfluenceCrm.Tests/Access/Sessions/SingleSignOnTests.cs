using System.Net;
using System.Text.RegularExpressions;
using InfluenceCrm.Access;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Access.Sessions;

/// <summary>The app with single sign-on against <see cref="FakeOpenIdProvider"/>, a provider on loopback that signs real tokens.</summary>
public sealed class SingleSignOnFixture : SqliteApiFixture, IAsyncLifetime
{
    public FakeOpenIdProvider IdentityProvider { get; } = new();

    public string Authority => IdentityProvider.Authority;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Authentication:Oidc:Authority"] = Authority,
        ["Authentication:Oidc:ClientId"] = "influencecrm",
        ["Authentication:Oidc:ClientSecret"] = "secret",
        ["Authentication:Oidc:DisplayName"] = "Acme SSO",
        ["Authentication:Oidc:RequireHttpsMetadata"] = "false",
    };

    async ValueTask IAsyncLifetime.InitializeAsync()
    {
        await IdentityProvider.StartAsync();
        await InitializeAsync();
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        await IdentityProvider.DisposeAsync();
    }
}

public sealed partial class SingleSignOnTests(SingleSignOnFixture api) : IClassFixture<SingleSignOnFixture>
{
    private People People => api.Services.GetRequiredService<People>();

    /// <summary>A browser over https (the handler's correlation and nonce cookies are Secure) that keeps cookies and shows redirects.</summary>
    private (HttpClient Client, CookieContainerHandler Cookies) Browser()
    {
        var cookies = new CookieContainerHandler { InnerHandler = api.Server.CreateHandler() };
        return (new HttpClient(cookies) { BaseAddress = new Uri("https://localhost") }, cookies);
    }

    private static bool HasSession(CookieContainerHandler cookies) =>
        cookies.Container.GetCookies(new Uri("https://localhost/")).Any(c => c.Name == "influencecrm" && c.Value.Length > 0);

    /// <summary>The whole round trip: the challenge, the provider's code (its id_token carrying the challenge's nonce unless told), the callback.</summary>
    private async Task<string> SignInBySsoAsync(HttpClient browser, Dictionary<string, object> claims, bool nonce = true, Func<string, string>? state = null,
        string? issuer = null, TimeSpan? age = null)
    {
        using var challenge = await browser.GetAsync("/sign-in/sso");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var query = QueryHelpers.ParseQuery(challenge.Headers.Location!.Query);
        if (nonce)
        {
            claims["nonce"] = query["nonce"].ToString();
        }

        var code = api.IdentityProvider.IssueCode(claims, issuer, age);
        var sentState = query["state"].ToString();
        using var callback = await browser.PostAsync("/sign-in/sso/callback", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["code"] = code,
            ["state"] = state is null ? sentState : state(sentState),
        }));
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode); // never an error page
        return callback.Headers.Location!.ToString();
    }

    private static Dictionary<string, object> Claims(string subject, string email, bool verified = true) => new()
    {
        ["sub"] = subject,
        ["email"] = email,
        ["email_verified"] = verified,
        ["name"] = subject,
    };

    [Fact]
    public async Task The_sign_in_page_offers_the_provider_and_sends_people_there_with_pkce()
    {
        var page = await (await api.Anonymous().GetAsync("/sign-in")).Content.ReadAsStringAsync();
        Assert.Contains("Acme SSO", page, StringComparison.Ordinal);
        var challenge = await api.Visitor().GetAsync("/sign-in/sso");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var location = challenge.Headers.Location!.ToString();
        Assert.StartsWith(api.Authority + "/authorize?", location);
        Assert.Contains("client_id=influencecrm", location);
        Assert.Contains("code_challenge=", location);
        Assert.Contains("nonce=", location);
        Assert.Contains("email", Uri.UnescapeDataString(location.Split("scope=")[1].Split('&')[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invited_address_verified_by_the_provider_gets_in_and_later_by_its_subject_only()
    {
        await People.InviteAsync(api.MainWorkspaceId, "New.Hire@Acme.example", Roles.Legal, "usr_admin");
        var (browser, cookies) = Browser();

        Assert.Equal("/", await SignInBySsoAsync(browser, Claims("hire-1", "new.hire@acme.example")));
        Assert.True(HasSession(cookies));
        Assert.DoesNotContain(await People.PendingInvitationsAsync(api.MainWorkspaceId), i => i.Email == "new.hire@acme.example");

        // The provider's address changes: the person is still found by (issuer, subject); an unverified address never is.
        var (again, _) = Browser();
        Assert.Equal("/", await SignInBySsoAsync(again, Claims("hire-1", "renamed@acme.example", verified: false)));
        var (stranger, strangerCookies) = Browser();
        Assert.Equal("/sign-in?sso=refused", await SignInBySsoAsync(stranger, Claims("someone-else", "new.hire@acme.example", verified: false)));
        Assert.False(HasSession(strangerCookies));
    }

    [Fact]
    public async Task Entra_ids_verified_domain_claim_counts_as_a_verified_address()
    {
        await People.InviteAsync(api.MainWorkspaceId, "entra.user@acme.example", Roles.Viewer, "usr_admin");
        var (browser, _) = Browser();
        var claims = new Dictionary<string, object> { ["sub"] = "entra-1", ["email"] = "entra.user@acme.example", ["xms_edov"] = true };

        Assert.Equal("/", await SignInBySsoAsync(browser, claims));
    }

    /// <summary>
    /// Pre-hijacking (issue #26): the admin of another workspace invites an address he does not own and accepts the
    /// invitation himself with his own password (here he got hold of the link). Later the real owner, invited to her own
    /// workspace, signs in by SSO with her provider's verified address: she must not land in the attacker's account, and
    /// the attacker's password must not open her workspace.
    /// </summary>
    [Fact]
    public async Task The_pre_hijacking_attack_fails()
    {
        var other = (await api.Services.GetRequiredService<AccessStore>().FindWorkspaceAsync("other"))!.Id;
        var planted = (await People.InviteAsync(other, "victim@corp.example", Roles.Admin, "usr_attacker")).Token;
        var account = await People.AcceptInvitationAsync(planted, "Victim", "the attacker's own passphrase");
        Assert.NotNull(account);
        await People.InviteAsync(api.MainWorkspaceId, "victim@corp.example", Roles.Legal, "usr_admin");

        var (browser, cookies) = Browser();
        var landing = await SignInBySsoAsync(browser, Claims("victim-at-corp", "victim@corp.example"));

        Assert.Equal("/sign-in?sso=link", landing); // the existing account must prove itself first: she cannot, he is not her
        Assert.False(HasSession(cookies));
        Assert.Null(await People.RoleAsync(account.Id, api.MainWorkspaceId));
        var attacker = await api.Services.GetRequiredService<MediatR.IMediator>().Send(
            new InfluenceCrm.Access.Features.SignIn.Request("victim@corp.example", "the attacker's own passphrase"));
        Assert.Equal(other, attacker.Workspace!.WorkspaceId);
        Assert.Null(await People.RoleAsync(attacker.PersonId!, api.MainWorkspaceId));
    }

    [Fact]
    public async Task A_new_identity_links_to_an_existing_account_once_its_owner_signs_in_with_the_password_in_that_browser()
    {
        await People.EnsureMemberAsync("owner@acme.example", "Owner", ConsoleSession.Password, api.MainWorkspaceId, Roles.Brand);
        var (browser, cookies) = Browser();
        Assert.Equal("/sign-in?sso=link", await SignInBySsoAsync(browser, Claims("owner-sub", "owner@acme.example")));
        Assert.False(HasSession(cookies));

        var form = await (await browser.GetAsync("/sign-in?sso=link")).Content.ReadAsStringAsync();
        Assert.True(form.Contains("link your single sign-on account", StringComparison.Ordinal) || form.Contains("pour y associer", StringComparison.Ordinal));
        using var signedIn = await browser.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = AntiforgeryToken().Match(form).Groups[1].Value,
            ["Input.Email"] = "owner@acme.example",
            ["Input.Password"] = ConsoleSession.Password,
        }));
        Assert.True(HasSession(cookies));

        var (later, laterCookies) = Browser();
        Assert.Equal("/", await SignInBySsoAsync(later, Claims("owner-sub", "owner@acme.example")));
        Assert.True(HasSession(laterCookies));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>Each protocol check runs (the nonce was skipped before) and a refused answer lands on the sign-in page, never a 500.</summary>
    [Theory]
    [InlineData("no nonce")]
    [InlineData("another nonce")]
    [InlineData("tampered state")]
    [InlineData("wrong issuer")]
    [InlineData("expired token")]
    public async Task A_provider_answer_that_fails_a_protocol_check_lands_on_the_sign_in_page(string failure)
    {
        var email = $"{failure.Replace(' ', '.')}@acme.example";
        await People.InviteAsync(api.MainWorkspaceId, email, Roles.Viewer, "usr_admin");
        var claims = Claims("subject-" + failure, email);
        if (failure == "another nonce")
        {
            claims["nonce"] = "638000000000000000.bm9uY2U=";
        }

        var (browser, cookies) = Browser();
        var landing = await SignInBySsoAsync(browser, claims, nonce: failure is not ("no nonce" or "another nonce"),
            state: failure == "tampered state" ? s => s[..^4] + "AAAA" : null,
            issuer: failure == "wrong issuer" ? "https://login.attacker.example/" : null,
            age: failure == "expired token" ? TimeSpan.FromHours(1) : null);

        Assert.Equal("/sign-in?sso=failed", landing);
        Assert.False(HasSession(cookies));
        var page = await (await browser.GetAsync(landing)).Content.ReadAsStringAsync();
        Assert.True(page.Contains("Single sign-on did not complete", StringComparison.Ordinal) || page.Contains("pas abouti", StringComparison.Ordinal), page);
    }
}
