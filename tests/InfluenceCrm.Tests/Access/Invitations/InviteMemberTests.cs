using System.Net;
using System.Text.RegularExpressions;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using InfluenceCrm.Tests.Platform.Mail;

namespace InfluenceCrm.Tests.Access.Invitations;

/// <summary>
/// The invitations API: POST mails the link to the invited address (a real SMTP server receives it) and answers without it;
/// resend mails a new link and the old one stops working; a revoked link is refused; admins only, 404 across workspaces.
/// </summary>
public sealed partial class InviteMemberTests(MailApiFixture api) : IClassFixture<MailApiFixture>
{
    [GeneratedRegex(@"https://crm\.acme\.example/invitations/([A-Za-z0-9_-]{43})")]
    private static partial Regex InvitationLink();

    private async Task<string> MailedTokenAsync(string address, int nth = 1)
    {
        var mails = await api.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == address), nth);
        Assert.True(mails.Count >= nth, $"{nth} mail(s) for {address} expected, {mails.Count} arrived");
        return InvitationLink().Match(mails[nth - 1].TextBody ?? "").Groups[1].Value;
    }

    [Fact]
    public async Task An_invitation_posted_to_the_api_is_mailed_never_answered_replayed_without_a_second_mail_and_audited()
    {
        await api.Smtp.StartAsync();
        var address = $"{Guid.NewGuid():N}@example.com";

        var created = await api.Client().PostJson("/api/v1/invitations", new { email = address, role = "legal", language = "en" }, "invite-" + address);
        var invitation = await created.Expect(HttpStatusCode.Created);
        var id = (string)invitation["id"]!;
        Assert.Equal($"/api/v1/invitations/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal(address, (string)invitation["email"]!);
        Assert.Equal("legal", (string)invitation["role"]!);

        var token = await MailedTokenAsync(address);
        Assert.Equal(43, token.Length);
        Assert.DoesNotContain(token, invitation.ToJsonString(), StringComparison.Ordinal);
        var replayed = await api.Client().PostJson("/api/v1/invitations", new { email = address, role = "legal", language = "en" }, "invite-" + address);
        Assert.Equal(id, (string)(await replayed.Expect(HttpStatusCode.Created))["id"]!);

        var listed = await (await api.Client().GetAsync("/api/v1/invitations")).Expect(HttpStatusCode.OK);
        Assert.Contains(listed["items"]!.AsArray(), i => (string)i!["id"]! == id);
        Assert.DoesNotContain(token, listed.ToJsonString(), StringComparison.Ordinal);
        var audit = Assert.Single(await Workspaces.AuditAsync(api, api.MainWorkspaceId, id));
        Assert.Equal("person.invited", audit.Action);
        await Task.Delay(1000); // a second mail, had the replay sent one, would have arrived by now
        Assert.Single(api.Smtp.Received, m => m.To.Mailboxes.Any(b => b.Address == address));
    }

    [Fact]
    public async Task Only_admins_invite_and_a_bad_address_or_role_is_a_400()
    {
        foreach (var role in new[] { Roles.Brand, Roles.Legal, Roles.Integration, Roles.Viewer })
        {
            await (await api.Client(role).PostJson("/api/v1/invitations", new { email = "someone@example.com" })).Expect(HttpStatusCode.Forbidden);
            await (await api.Client(role).GetAsync("/api/v1/invitations")).Expect(HttpStatusCode.Forbidden);
        }

        await (await api.Client().PostJson("/api/v1/invitations", new { email = "not an address" })).Expect(HttpStatusCode.BadRequest);
        await (await api.Client().PostJson("/api/v1/invitations", new { email = "someone@example.com", role = "root" })).Expect(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_resent_invitation_arrives_with_a_new_link_and_a_revoked_one_s_link_is_refused()
    {
        await api.Smtp.StartAsync();
        var address = $"{Guid.NewGuid():N}@example.com";
        var id = (string)(await (await api.Client().PostJson("/api/v1/invitations", new { email = address })).Expect(HttpStatusCode.Created))["id"]!;
        var first = await MailedTokenAsync(address);

        await (await api.OtherWorkspace().PostJson($"/api/v1/invitations/{id}/resend", new { })).Expect(HttpStatusCode.NotFound);
        await (await api.Client(Roles.Brand).PostJson($"/api/v1/invitations/{id}/resend", new { })).Expect(HttpStatusCode.Forbidden);
        await (await api.Client().PostJson($"/api/v1/invitations/{id}/resend", new { language = "fr" })).Expect(HttpStatusCode.OK);
        var second = await MailedTokenAsync(address, 2);
        Assert.NotEqual(first, second);
        Assert.Contains("est plus valable.", await api.Anonymous().GetStringAsync($"/invitations/{first}"), StringComparison.Ordinal);
        Assert.Contains("Form.Password", await api.Anonymous().GetStringAsync($"/invitations/{second}"), StringComparison.Ordinal);

        await (await api.OtherWorkspace().Send(HttpMethod.Delete, $"/api/v1/invitations/{id}")).Expect(HttpStatusCode.NotFound);
        await (await api.Client().Send(HttpMethod.Delete, $"/api/v1/invitations/{id}")).Expect(HttpStatusCode.NoContent);
        await (await api.Client().Send(HttpMethod.Delete, $"/api/v1/invitations/{id}")).Expect(HttpStatusCode.NotFound);
        await (await api.Client().PostJson($"/api/v1/invitations/{id}/resend", new { })).Expect(HttpStatusCode.NotFound);
        var refused = await api.Anonymous().GetStringAsync($"/invitations/{second}");
        Assert.Contains("est plus valable.", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("Form.Password", refused, StringComparison.Ordinal);
        var audit = await Workspaces.AuditAsync(api, api.MainWorkspaceId, id);
        Assert.Equal(["person.invited", "invitation.resent", "invitation.revoked"], audit.Select(e => e.Action));
    }
}
