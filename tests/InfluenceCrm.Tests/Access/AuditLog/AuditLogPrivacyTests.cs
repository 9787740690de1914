using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using InfluenceCrm.Access;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Access.AuditLog;

/// <summary>
/// The audit log holds ids and actions, never personal data: people's acts in the console (failed and successful
/// sign-ins, an invitation, a role change, a removal, the privacy contact) are logged by person and invitation ids, and
/// the audit page names them at read time.
/// </summary>
public sealed partial class AuditLogPrivacyTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    private const string Password = "a long enough password";

    [Fact]
    public async Task No_audit_entry_holds_an_e_mail_address_or_a_name_and_the_reader_names_people_at_read_time()
    {
        var m = Guid.NewGuid().ToString("N")[..8];
        var people = api.Services.GetRequiredService<People>();
        var admin = await people.EnsureMemberAsync($"alice{m}@acme.example", $"Alice{m} Admin", Password, api.MainWorkspaceId, Roles.Admin);
        var member = await people.EnsureMemberAsync($"bob{m}@acme.example", $"Bob{m} Brand", Password, api.MainWorkspaceId, Roles.Brand);
        var invitee = $"carol{m}@acme.example";
        var privacyContact = $"dpo{m}@acme.example";

        var console = api.Anonymous(); // keeps its cookies: the console's session and antiforgery
        await Post(console, "/sign-in", "sign-in", new() { ["Input.Email"] = $"bob{m}@acme.example", ["Input.Password"] = "not the password" });
        var signedIn = await Post(console, "/sign-in", "sign-in", new() { ["Input.Email"] = $"alice{m}@acme.example", ["Input.Password"] = Password });
        Assert.DoesNotContain("/sign-in", signedIn.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        await Post(console, "/settings/members", "invite", new() { ["InviteForm.Email"] = invitee, ["InviteForm.Role"] = Roles.Viewer });
        await Post(console, "/settings/members", "member-" + member.Id, new() { ["MemberForm.Role"] = Roles.Legal });
        await Post(console, "/settings/members", "member-" + member.Id, new() { ["MemberForm.Role"] = "remove", ["MemberForm.Confirm"] = "true" });
        await Post(console, "/settings/branding", "branding", new() { ["Form.PrivacyContact"] = privacyContact });

        List<(string Action, string EntityId, string? Details)> rows;
        await using (var c = await api.Db.OpenAsync())
        {
            const string Sql = "SELECT action, entity_id, details FROM platform_audit_log WHERE workspace_id = @Id ORDER BY occurred_at, id";
            rows = (await c.QueryAsync<(string, string, string?)>(Sql, new { Id = api.MainWorkspaceId })).ToList();
        }

        Assert.Equal(["person.sign_in_failed", "person.signed_in", "person.invited", "person.role_changed", "person.removed", "workspace.branding_changed"],
            rows.Select(r => r.Action));
        var personal = new[] { $"alice{m}", $"bob{m}", $"carol{m}", $"dpo{m}", $"Alice{m}", $"Bob{m}" };
        foreach (var (action, entityId, details) in rows)
        {
            foreach (var text in new[] { entityId, details ?? "" })
            {
                Assert.False(Email().IsMatch(text), $"{action} holds an e-mail address: {text}");
                Assert.DoesNotContain(personal, p => text.Contains(p, StringComparison.OrdinalIgnoreCase));
            }
        }

        Assert.StartsWith("inv_", rows.Single(r => r.Action == "person.invited").EntityId, StringComparison.Ordinal);
        Assert.Equal(member.Id, rows.Single(r => r.Action == "person.removed").EntityId);

        // The reader (an admin) sees who: the removed member and the invitee by name and address, resolved now.
        var page = await (await console.GetAsync("/legal/audit")).Content.ReadAsStringAsync();
        Assert.Contains($"Bob{m} Brand", page, StringComparison.Ordinal);
        Assert.Contains(invitee, page, StringComparison.Ordinal);
        Assert.Contains($"Alice{m} Admin", page, StringComparison.Ordinal);
        var csv = await (await console.GetAsync("/legal/audit.csv")).Content.ReadAsStringAsync();
        Assert.Contains($"Bob{m} Brand", csv, StringComparison.Ordinal); // a removed member's failed sign-in: named as its actor
    }

    /// <summary>Posts a console form as a browser would: the page's antiforgery token and the form's name.</summary>
    private static async Task<HttpResponseMessage> Post(HttpClient client, string path, string form, Dictionary<string, string> fields)
    {
        var html = await (await client.GetAsync(path)).Content.ReadAsStringAsync();
        var token = Token().Match(html);
        Assert.True(token.Success, $"No antiforgery token on {path}");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        fields["_handler"] = form;
        var response = await client.PostAsync(path, new FormUrlEncodedContent(fields));
        Assert.True(response.IsSuccessStatusCode, $"{path} {form}: {(int)response.StatusCode}");
        return response;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();
}
