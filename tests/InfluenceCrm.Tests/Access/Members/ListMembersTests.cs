using System.Net;
using InfluenceCrm.Access;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Access.Members;

/// <summary>GET /api/v1/members: admins only, this workspace's members only, cursor paged.</summary>
public sealed class ListMembersTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task Admins_page_through_their_own_workspace_s_members_and_other_roles_are_refused()
    {
        var (workspace, admin) = await Workspaces.NewAsync(api);
        var people = api.Services.GetRequiredService<People>();
        var mine = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            mine.Add((await people.EnsureMemberAsync($"{Guid.NewGuid():N}@acme.example", $"Member {i}", null, workspace, Roles.Viewer)).Id);
        }

        var stranger = await people.EnsureMemberAsync($"{Guid.NewGuid():N}@acme.example", "Elsewhere", null, api.MainWorkspaceId, Roles.Viewer);

        var first = await (await admin.GetAsync("/api/v1/members?limit=2")).Expect(HttpStatusCode.OK);
        var second = await (await admin.GetAsync($"/api/v1/members?limit=2&cursor={(string)first["nextCursor"]!}")).Expect(HttpStatusCode.OK);
        Assert.Null((string?)second["nextCursor"]);
        var listed = first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(m => (string)m!["personId"]!).ToList();
        Assert.Equal(mine.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(stranger.Id, listed);

        foreach (var role in new[] { Roles.Brand, Roles.Legal, Roles.Integration, Roles.Viewer })
        {
            await (await api.Client(role).GetAsync("/api/v1/members")).Expect(HttpStatusCode.Forbidden);
        }
    }
}
