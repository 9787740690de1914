using InfluenceCrm.Access;
using InfluenceCrm.Platform.Security;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Infrastructure;

/// <summary>A workspace of its own for a test (its members and admins counted alone), with an admin key.</summary>
internal static class Workspaces
{
    public static async Task<(string Id, HttpClient Admin)> NewAsync(ApiFixture api)
    {
        var store = api.Services.GetRequiredService<AccessStore>();
        var slug = "ws-" + Guid.NewGuid().ToString("N")[..12];
        var workspace = await store.CreateWorkspaceAsync(slug, slug);
        var key = await store.CreateKeyAsync(workspace.Id, Roles.Admin, "test admin");
        return (workspace.Id, api.WithKey(key.Plaintext));
    }

    /// <summary>The audit entries of a workspace for one record, oldest first.</summary>
    public static async Task<IReadOnlyList<(string Action, string Actor, string? Details)>> AuditAsync(ApiFixture api, string workspaceId, string entityId)
    {
        await using var c = await api.Db.OpenAsync();
        const string Sql = """
            SELECT action, actor, details FROM platform_audit_log WHERE workspace_id = @WorkspaceId AND entity_id = @EntityId ORDER BY occurred_at, id
            """;
        return (await Dapper.SqlMapper.QueryAsync<(string, string, string?)>(c, Sql, new { WorkspaceId = workspaceId, EntityId = entityId })).ToList();
    }
}
