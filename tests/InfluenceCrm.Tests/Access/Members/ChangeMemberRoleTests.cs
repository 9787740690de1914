using System.Net;
using InfluenceCrm.Access;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Access.Members;

/// <summary>PATCH /api/v1/members/{personId}: If-Match, audited, 404 across workspaces, and never the last admin demoted.</summary>
public sealed class ChangeMemberRoleTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    private People People => api.Services.GetRequiredService<People>();

    [Fact]
    public async Task An_admin_changes_a_role_with_if_match_and_the_change_is_audited()
    {
        var (workspace, admin) = await Workspaces.NewAsync(api);
        var person = await People.EnsureMemberAsync($"{Guid.NewGuid():N}@acme.example", "Member", null, workspace, Roles.Viewer);

        var read = await (await admin.GetAsync("/api/v1/members")).Expect(HttpStatusCode.OK);
        var listed = read["items"]!.AsArray().Single(m => (string)m!["personId"]! == person.Id)!;
        var version = (long)listed["version"]!;

        await (await admin.Send(HttpMethod.Patch, $"/api/v1/members/{person.Id}", new { role = "legal" })).Expect(HttpStatusCode.PreconditionRequired);
        var changed = await admin.Send(HttpMethod.Patch, $"/api/v1/members/{person.Id}", new { role = "legal" }, ifMatch: $"\"{version}\"");
        var body = await changed.Expect(HttpStatusCode.OK);
        Assert.Equal("legal", (string)body["role"]!);
        Assert.Equal($"\"{version + 1}\"", changed.ETag());
        var stale = await admin.Send(HttpMethod.Patch, $"/api/v1/members/{person.Id}", new { role = "brand" }, ifMatch: $"\"{version}\"");
        await stale.Expect(HttpStatusCode.PreconditionFailed);
        await (await admin.Send(HttpMethod.Patch, $"/api/v1/members/{person.Id}", new { role = "root" }, ifMatch: "*")).Expect(HttpStatusCode.BadRequest);

        Assert.Equal(Roles.Legal, await People.RoleAsync(person.Id, workspace));
        var audit = Assert.Single(await Workspaces.AuditAsync(api, workspace, person.Id));
        Assert.Equal("person.role_changed", audit.Action);
        Assert.StartsWith("key_", audit.Actor, StringComparison.Ordinal);
        Assert.Contains("legal", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_workspace_s_member_is_a_404_and_no_other_role_may_change_roles()
    {
        var person = await People.EnsureMemberAsync($"{Guid.NewGuid():N}@acme.example", "Main member", null, api.MainWorkspaceId, Roles.Brand);

        var foreign = await api.OtherWorkspace().Send(HttpMethod.Patch, $"/api/v1/members/{person.Id}", new { role = "admin" }, ifMatch: "*");
        await foreign.Expect(HttpStatusCode.NotFound);
        foreach (var role in new[] { Roles.Brand, Roles.Legal, Roles.Integration, Roles.Viewer })
        {
            var refused = await api.Client(role).Send(HttpMethod.Patch, $"/api/v1/members/{person.Id}", new { role = "admin" }, ifMatch: "*");
            await refused.Expect(HttpStatusCode.Forbidden);
        }

        Assert.Equal(Roles.Brand, await People.RoleAsync(person.Id, api.MainWorkspaceId));
    }

    [Fact]
    public async Task The_last_admin_cannot_be_demoted_until_another_member_is_admin()
    {
        var (workspace, admin) = await Workspaces.NewAsync(api);
        var only = await People.EnsureMemberAsync($"{Guid.NewGuid():N}@acme.example", "Only admin", null, workspace, Roles.Admin);
        var other = await People.EnsureMemberAsync($"{Guid.NewGuid():N}@acme.example", "Next admin", null, workspace, Roles.Brand);

        var demoted = await admin.Send(HttpMethod.Patch, $"/api/v1/members/{only.Id}", new { role = "viewer" }, ifMatch: "*");
        var refused = await demoted.Expect(HttpStatusCode.Conflict);
        Assert.Contains("last admin", (string)refused["detail"]!, StringComparison.Ordinal);
        Assert.Equal(Roles.Admin, await People.RoleAsync(only.Id, workspace));

        await (await admin.Send(HttpMethod.Patch, $"/api/v1/members/{other.Id}", new { role = "admin" }, ifMatch: "*")).Expect(HttpStatusCode.OK);
        await (await admin.Send(HttpMethod.Patch, $"/api/v1/members/{only.Id}", new { role = "viewer" }, ifMatch: "*")).Expect(HttpStatusCode.OK);
        Assert.Equal(Roles.Viewer, await People.RoleAsync(only.Id, workspace));
    }
}
