using InfluenceCrm.Access;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Platform.WebConsole;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Access.Members;

/// <summary>Accounts, on both engines: no lockout, invitations that cannot take over an account, names cut to their column.</summary>
public abstract class PeopleTests(ApiFixture api)
{
    private People People => api.Services.GetRequiredService<People>();

    [Fact]
    public async Task Failures_lock_nobody_out_the_right_password_still_opens_after_many_wrong_ones()
    {
        await People.EnsureMemberAsync("locked@acme.example", "Locked", "the right password!", api.MainWorkspaceId, Roles.Brand);
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(People.SignInOutcome.Failed, (await People.CheckPasswordAsync("locked@acme.example", "wrong password " + i)).Outcome);
        }

        Assert.Equal(People.SignInOutcome.Succeeded, (await People.CheckPasswordAsync("locked@acme.example", "the right password!")).Outcome);
    }

    [Fact]
    public async Task An_invitation_to_an_existing_account_needs_its_current_password_and_never_changes_it()
    {
        var other = await api.Services.GetRequiredService<AccessStore>().FindWorkspaceAsync("other");
        await People.EnsureMemberAsync("victim@acme.example", "Victim", "victim's own password", api.MainWorkspaceId, Roles.Admin);
        var token = (await People.InviteAsync(other!.Id, "victim@acme.example", Roles.Viewer, "usr_attacker")).Token;

        Assert.Null(await People.AcceptInvitationAsync(token, "Attacker", "attacker's new password"));
        Assert.Equal(People.SignInOutcome.Succeeded, (await People.CheckPasswordAsync("victim@acme.example", "victim's own password")).Outcome);
        Assert.Equal(People.SignInOutcome.Failed, (await People.CheckPasswordAsync("victim@acme.example", "attacker's new password")).Outcome);

        var joined = await People.AcceptInvitationAsync(token, "Victim", "victim's own password");
        Assert.NotNull(joined);
        Assert.Equal(Roles.Viewer, await People.RoleAsync(joined.Id, other.Id));
    }

    [Fact]
    public async Task An_invitation_to_an_account_made_by_single_sign_on_sets_no_password_on_it()
    {
        // The person came by SSO (no password). The admin of another workspace invites that address, opens the link himself
        // and chooses a password: before, that password was set on the victim's account and opened the victim's workspace.
        var other = await api.Services.GetRequiredService<AccessStore>().FindWorkspaceAsync("other");
        var victim = await People.EnsureMemberAsync("sso.victim@acme.example", "SSO Victim", null, api.MainWorkspaceId, Roles.Legal);
        var token = (await People.InviteAsync(other!.Id, "sso.victim@acme.example", Roles.Viewer, "usr_attacker")).Token;

        Assert.Null(await People.AcceptInvitationAsync(token, "Attacker", "attacker's chosen password"));

        Assert.NotEqual(People.SignInOutcome.Succeeded, (await People.CheckPasswordAsync("sso.victim@acme.example", "attacker's chosen password")).Outcome);
        Assert.Null(await People.RoleAsync(victim.Id, other.Id));
        Assert.NotNull(await People.FindInvitationAsync(token)); // still pending: the real person accepts it by signing in with their provider
        await People.LinkAsync(victim.Id, "https://idp.acme.example", "victim");
        var (_, joined) = await People.ResolveSsoAsync(new People.SsoIdentity("https://idp.acme.example", "victim", "sso.victim@acme.example", true, null));
        Assert.Equal(Roles.Viewer, await People.RoleAsync(joined!.Id, other.Id));
    }

    /// <summary>An identity provider's name claim is not ours to refuse: cut to platform_people.display_name's 200 characters.</summary>
    [Fact]
    public async Task A_single_sign_on_name_longer_than_its_column_is_cut_and_the_invited_person_gets_in()
    {
        var email = "a.rather.long.address.for.a.new.hire@an-agency-with-a-long-name.example";
        await People.InviteAsync(api.MainWorkspaceId, email, Roles.Viewer, "usr_admin");

        var (_, person) = await People.ResolveSsoAsync(new People.SsoIdentity("https://idp.acme.example", "long", email, true, "Dr. " + new string('n', 300)));

        Assert.NotNull(person);
        Assert.Equal(200, person.DisplayName.Length);
        Assert.Equal(Roles.Viewer, await People.RoleAsync(person.Id, api.MainWorkspaceId));
    }
}

public sealed class PeopleOnSqlite(SqliteApiFixture api) : PeopleTests(api), IClassFixture<SqliteApiFixture>;

public sealed class PeopleOnSqlServer(SqlServerApiFixture api) : PeopleTests(api), IClassFixture<SqlServerApiFixture>;

/// <summary>Redirects after signing in or switching language go only to a path of this site.</summary>
public sealed class LocalRedirectTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    [Theory]
    [InlineData("/campaigns?x=1", "/campaigns?x=1")]
    [InlineData("/", "/")]
    [InlineData("//evil.example/x", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("", "/")]
    [InlineData(null, "/")]
    [InlineData("/\t/evil.example/", "/")]
    [InlineData("/\n/evil.example/", "/")]
    [InlineData("/\v/evil.example/", "/")]
    [InlineData("/\u3000/evil.example/", "/")]
    [InlineData("/campaigns\r\nSet-Cookie: x=1", "/")]
    [InlineData("/créateurs", "/")]
    public void Redirects_after_sign_in_stay_on_this_site(string? asked, string expected) => Assert.Equal(expected, ConsoleAccess.LocalPath(asked));

    [Theory]
    [InlineData("/console/culture?culture=fr-FR&back=/%09/evil.example/")]
    [InlineData("/console/culture?culture=fr-FR&back=/%0A/evil.example/")]
    [InlineData("/console/culture?culture=fr-FR&back=/%0B/evil.example/")]
    [InlineData("/console/culture?culture=fr-FR&back=/%E3%80%80/evil.example/")]
    public async Task The_language_switch_sends_back_only_to_a_path_of_this_site(string asked)
    {
        var answer = await api.Visitor().GetAsync(asked);

        Assert.Equal(System.Net.HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/", answer.Headers.Location?.OriginalString);
    }
}
