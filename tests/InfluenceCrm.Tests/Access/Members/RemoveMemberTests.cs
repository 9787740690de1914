using System.Net;
using InfluenceCrm.Access;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Access.Members;

/// <summary>DELETE /api/v1/members/{personId}: audited, the person's session ends, 404 across workspaces, never the last admin.</summary>
public sealed class RemoveMemberTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    private People People => api.Services.GetRequiredService<People>();

    [Fact]
    public async Task A_removed_member_s_console_session_ends_and_the_removal_is_audited()
    {
        var email = $"{Guid.NewGuid():N}@acme.example";
        var console = await ConsoleSession.SignedInAsync(api, email, Roles.Brand);
        var personId = (await People.EnsureMemberAsync(email, null, null, api.MainWorkspaceId, Roles.Brand)).Id;
        Assert.Equal(HttpStatusCode.OK, (await console.GetAsync("/creators")).StatusCode);

        await (await api.OtherWorkspace().Send(HttpMethod.Delete, $"/api/v1/members/{personId}")).Expect(HttpStatusCode.NotFound);
        await (await api.Client(Roles.Brand).Send(HttpMethod.Delete, $"/api/v1/members/{personId}")).Expect(HttpStatusCode.Forbidden);
        await (await api.Client().Send(HttpMethod.Delete, $"/api/v1/members/{personId}")).Expect(HttpStatusCode.NoContent);
        await (await api.Client().Send(HttpMethod.Delete, $"/api/v1/members/{personId}")).Expect(HttpStatusCode.NotFound);

        Assert.Null(await People.RoleAsync(personId, api.MainWorkspaceId));
        var after = await console.GetAsync("/creators");
        Assert.Contains("/sign-in", after.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains(await Workspaces.AuditAsync(api, api.MainWorkspaceId, personId), e => e.Action == "person.removed");
    }

    [Fact]
    public async Task The_last_admin_cannot_be_removed()
    {
        var (workspace, admin) = await Workspaces.NewAsync(api);
        var only = await People.EnsureMemberAsync($"{Guid.NewGuid():N}@acme.example", "Only admin", null, workspace, Roles.Admin);

        await (await admin.Send(HttpMethod.Delete, $"/api/v1/members/{only.Id}")).Expect(HttpStatusCode.Conflict);
        Assert.Equal(Roles.Admin, await People.RoleAsync(only.Id, workspace));
        Assert.Empty(await Workspaces.AuditAsync(api, workspace, only.Id));
    }
}
