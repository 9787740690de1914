using System.Text.RegularExpressions;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Platform.Mail;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Access.Invitations;

using InfluenceCrm.Access; // inside: the type Invitations, not this namespace

/// <summary>Invitations go to the invited mailbox, at a real SMTP server, with a link that works; resent and revoked ones stop the old link.</summary>
public sealed partial class InvitationMailTests(MailApiFixture api) : IClassFixture<MailApiFixture>
{
    private Invitations Invitations => api.Services.GetRequiredService<Invitations>();

    private People People => api.Services.GetRequiredService<People>();

    [GeneratedRegex(@"https://crm\.acme\.example/invitations/([A-Za-z0-9_-]{43})")]
    private static partial Regex InvitationLink();

    private async Task<string> MailedTokenAsync(string address, int nth = 1)
    {
        var mails = await api.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == address), nth);
        Assert.True(mails.Count >= nth, $"{nth} mail(s) for {address} expected, {mails.Count} arrived");
        var mail = mails[nth - 1];
        var fromText = InvitationLink().Match(mail.TextBody ?? "").Groups[1].Value;
        Assert.Equal(fromText, InvitationLink().Match(mail.HtmlBody ?? "").Groups[1].Value);
        return fromText;
    }

    [Fact]
    public async Task An_invitation_is_mailed_in_the_chosen_language_with_a_link_that_works_and_never_returned_to_the_admin()
    {
        await api.Smtp.StartAsync();
        var id = await Invitations.InviteAsync(api.MainWorkspaceId, "Nouvelle.Recrue@Example.com", Roles.Legal, "usr_admin", "fr");

        Assert.StartsWith("inv_", id, StringComparison.Ordinal);
        var token = await MailedTokenAsync("nouvelle.recrue@example.com");
        var mail = api.Smtp.Received.Single(m => m.To.Mailboxes.Any(b => b.Address == "nouvelle.recrue@example.com"));
        Assert.Equal("Invitation à rejoindre Main brand sur InfluenceCrm", mail.Subject);
        Assert.Contains("rôle juridique", mail.TextBody, StringComparison.Ordinal);
        var invitation = await People.FindInvitationAsync(token);
        Assert.NotNull(invitation);
        Assert.Equal(id, invitation.Id);

        var joined = await People.AcceptInvitationAsync(token, "Nouvelle Recrue", "a long and fresh passphrase");
        Assert.NotNull(joined);
        Assert.Equal(Roles.Legal, await People.RoleAsync(joined.Id, api.MainWorkspaceId));
    }

    [Fact]
    public async Task A_resent_invitation_has_a_new_link_and_the_old_one_stops_working_and_a_revoked_one_has_none()
    {
        await api.Smtp.StartAsync();
        var id = await Invitations.InviteAsync(api.MainWorkspaceId, "twice@example.com", Roles.Viewer, "usr_admin", "en");
        var first = await MailedTokenAsync("twice@example.com");

        Assert.True(await Invitations.ResendAsync(api.MainWorkspaceId, id, "en"));
        var second = await MailedTokenAsync("twice@example.com", 2);
        Assert.NotEqual(first, second);
        Assert.Null(await People.FindInvitationAsync(first));
        Assert.NotNull(await People.FindInvitationAsync(second));
        Assert.Equal("You are invited to join Main brand on InfluenceCrm",
            api.Smtp.Received.Last(m => m.To.Mailboxes.Any(b => b.Address == "twice@example.com")).Subject);

        var other = (await api.Services.GetRequiredService<AccessStore>().FindWorkspaceAsync("other"))!.Id;
        Assert.False(await Invitations.RevokeAsync(other, id)); // another workspace's admin cannot touch it
        Assert.True(await Invitations.RevokeAsync(api.MainWorkspaceId, id));
        Assert.Null(await People.FindInvitationAsync(second));
        Assert.False(await Invitations.ResendAsync(api.MainWorkspaceId, id, "en"));
        Assert.DoesNotContain(await People.PendingInvitationsAsync(api.MainWorkspaceId), i => i.Id == id);
    }
}
