using System.Data.Common;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;

namespace InfluenceCrm.Access;

/// <summary>
/// A membership read for a change (role, removal), locked until the transaction ends, and the rule that a workspace
/// keeps at least one admin: nobody could otherwise invite, change roles or create API keys there again.
/// </summary>
internal static class Memberships
{
    public static readonly Sql LoadLocked = Sql.Per(
        sqlite: """
            SELECT m.person_id AS PersonId, p.email AS Email, p.display_name AS DisplayName, m.role AS Role, m.created_at AS Since, m.version AS Version
            FROM platform_memberships m JOIN platform_people p ON p.id = m.person_id
            WHERE m.workspace_id = @WorkspaceId AND m.person_id = @PersonId
            """,
        sqlServer: """
            SELECT m.person_id AS PersonId, p.email AS Email, p.display_name AS DisplayName, m.role AS Role, m.created_at AS Since, m.version AS Version
            FROM platform_memberships m WITH (UPDLOCK, HOLDLOCK) JOIN platform_people p ON p.id = m.person_id
            WHERE m.workspace_id = @WorkspaceId AND m.person_id = @PersonId
            """);

    /// <summary>Every admin row of the workspace stays locked: two admins demoting each other at once cannot both succeed.</summary>
    public static readonly Sql CountAdminsLocked = Sql.Per(
        sqlite: "SELECT COUNT(*) FROM platform_memberships WHERE workspace_id = @WorkspaceId AND role = @Admin",
        sqlServer: "SELECT COUNT(*) FROM platform_memberships WITH (UPDLOCK, HOLDLOCK) WHERE workspace_id = @WorkspaceId AND role = @Admin");

    public static readonly Sql ChangeRole = Sql.Both("""
        UPDATE platform_memberships SET role = @Role, version = version + 1 WHERE workspace_id = @WorkspaceId AND person_id = @PersonId
        """);

    public static readonly Sql Delete = Sql.Both("DELETE FROM platform_memberships WHERE workspace_id = @WorkspaceId AND person_id = @PersonId");

    /// <summary>The member, locked; 404 when the person is not a member of this workspace (another workspace's member included).</summary>
    public static async Task<MemberView> LoadRequiredAsync(DbConnection c, DbTransaction tx, string workspaceId, string personId, CancellationToken ct) =>
        (await c.QuerySingleOrDefaultAsync<MemberRow>(LoadLocked, new { WorkspaceId = workspaceId, PersonId = personId }, tx, ct))?.View()
        ?? throw new NotFoundException("member", personId);

    /// <summary>409 when the member is the workspace's last admin.</summary>
    public static async Task RefuseLastAdminAsync(DbConnection c, DbTransaction tx, string workspaceId, MemberView member, string doing, CancellationToken ct)
    {
        if (member.Role == Roles.Admin
            && await c.ExecuteScalarAsync<long>(CountAdminsLocked, new { WorkspaceId = workspaceId, Admin = Roles.Admin }, tx, ct) <= 1)
        {
            throw new ConflictException($"This person is the workspace's last admin and cannot be {doing}: make another member admin first.");
        }
    }
}
