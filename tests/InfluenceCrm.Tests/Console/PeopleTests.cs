using InfluenceCrm.Platform.Security;
using InfluenceCrm.Platform.WebConsole;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Console;

/// <summary>Accounts: lockout, invitations that cannot take over an account, and redirects that stay on this site.</summary>
public sealed class PeopleTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    private People People => api.Services.GetRequiredService<People>();

    [Fact]
    public async Task Five_failures_lock_the_account_even_for_the_right_password_then_it_opens_again_only_through_a_success()
    {
        await People.EnsureMemberAsync("locked@acme.example", "Locked", "the right password!", api.MainWorkspaceId, Roles.Brand);
        for (var i = 0; i < People.MaxFailedAttempts; i++)
        {
            await People.CheckPasswordAsync("locked@acme.example", "wrong password " + i);
        }

        Assert.Equal(People.SignInOutcome.LockedOut, (await People.CheckPasswordAsync("locked@acme.example", "the right password!")).Outcome);
    }

    [Fact]
    public async Task An_invitation_to_an_existing_account_needs_its_current_password_and_never_changes_it()
    {
        var other = await api.Services.GetRequiredService<AccessStore>().FindWorkspaceAsync("other");
        await People.EnsureMemberAsync("victim@acme.example", "Victim", "victim's own password", api.MainWorkspaceId, Roles.Admin);
        var token = await People.InviteAsync(other!.Id, "victim@acme.example", Roles.Viewer, "usr_attacker");

        Assert.Null(await People.AcceptInvitationAsync(token, "Attacker", "attacker's new password"));
        Assert.Equal(People.SignInOutcome.Succeeded, (await People.CheckPasswordAsync("victim@acme.example", "victim's own password")).Outcome);
        Assert.Equal(People.SignInOutcome.Failed, (await People.CheckPasswordAsync("victim@acme.example", "attacker's new password")).Outcome);

        var joined = await People.AcceptInvitationAsync(token, "Victim", "victim's own password");
        Assert.NotNull(joined);
        Assert.Equal(Roles.Viewer, await People.RoleAsync(joined.Id, other.Id));
    }

    /// <summary>An identity provider's name claim is not ours to refuse: cut to platform_people.display_name's 200 characters.</summary>
    [Fact]
    public async Task A_single_sign_on_name_longer_than_its_column_is_cut_and_the_invited_person_gets_in()
    {
        var email = "a.rather.long.address.for.a.new.hire@an-agency-with-a-long-name.example";
        await People.InviteAsync(api.MainWorkspaceId, email, Roles.Viewer, "usr_admin");

        var person = await People.FindOrAcceptInvitedAsync(email, "Dr. " + new string('n', 300));

        Assert.NotNull(person);
        Assert.Equal(200, person.DisplayName.Length);
        Assert.Equal(Roles.Viewer, await People.RoleAsync(person.Id, api.MainWorkspaceId));
    }

    [Theory]
    [InlineData("/campaigns?x=1", "/campaigns?x=1")]
    [InlineData("/", "/")]
    [InlineData("//evil.example/x", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("", "/")]
    [InlineData(null, "/")]
    public void Redirects_after_sign_in_stay_on_this_site(string? asked, string expected) => Assert.Equal(expected, ConsoleAccess.LocalPath(asked));
}
