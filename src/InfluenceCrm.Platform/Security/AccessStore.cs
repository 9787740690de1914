using InfluenceCrm.Platform.Data;

namespace InfluenceCrm.Platform.Security;

/// <summary>Workspaces and API keys (tables platform_workspaces, platform_api_keys).</summary>
public sealed class AccessStore(Db db, TimeProvider clock)
{
    internal static readonly Sql InsertWorkspace = Sql.Both(
        "INSERT INTO platform_workspaces (id, slug, name, created_at) VALUES (@Id, @Slug, @Name, @CreatedAt)");

    internal static readonly Sql FindWorkspaceBySlug = Sql.Both(
        "SELECT id AS Id, slug AS Slug, name AS Name, created_at AS CreatedAt FROM platform_workspaces WHERE slug = @Slug");

    internal static readonly Sql InsertKey = Sql.Both("""
        INSERT INTO platform_api_keys (id, workspace_id, name, role, key_prefix, key_hash, created_at, revoked_at)
        VALUES (@Id, @WorkspaceId, @Name, @Role, @Prefix, @Hash, @CreatedAt, NULL)
        """);

    internal static readonly Sql FindKeyByPrefix = Sql.Both("""
        SELECT id AS Id, workspace_id AS WorkspaceId, name AS Name, role AS Role, key_prefix AS Prefix,
               key_hash AS Hash, created_at AS CreatedAt, revoked_at AS RevokedAt
        FROM platform_api_keys WHERE key_prefix = @Prefix
        """);

    public sealed class WorkspaceRow
    {
        public string Id { get; init; } = "";
        public string Slug { get; init; } = "";
        public string Name { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
    }

    public sealed class KeyRow
    {
        public string Id { get; init; } = "";
        public string WorkspaceId { get; init; } = "";
        public string Name { get; init; } = "";
        public string Role { get; init; } = "";
        public string Prefix { get; init; } = "";
        public string Hash { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? RevokedAt { get; init; }
    }

    public sealed record CreatedKey(KeyRow Key, string Plaintext);

    public async Task<WorkspaceRow> CreateWorkspaceAsync(string slug, string name, CancellationToken ct = default)
    {
        var row = new WorkspaceRow { Id = Ids.New("ws"), Slug = slug, Name = name, CreatedAt = clock.GetUtcNow() };
        await using var connection = await db.OpenAsync(ct);
        try
        {
            await connection.ExecuteAsync(InsertWorkspace, row, ct: ct);
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            throw new InvalidOperationException($"A workspace with slug '{slug}' already exists.", e);
        }

        return row;
    }

    public async Task<WorkspaceRow?> FindWorkspaceAsync(string slug, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<WorkspaceRow>(FindWorkspaceBySlug, new { Slug = slug }, ct: ct);
    }

    public async Task<CreatedKey> CreateKeyAsync(string workspaceId, string role, string name, CancellationToken ct = default)
    {
        if (!Roles.All.Contains(role))
        {
            throw new ArgumentException($"Unknown role '{role}'. Roles: {string.Join(", ", Roles.All)}.", nameof(role));
        }

        var key = ApiKeys.Generate();
        var row = new KeyRow
        {
            Id = Ids.New("key"), WorkspaceId = workspaceId, Name = name, Role = role,
            Prefix = key.Prefix, Hash = key.Hash, CreatedAt = clock.GetUtcNow(),
        };
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(InsertKey, row, ct: ct);
        return new CreatedKey(row, key.Plaintext);
    }

    /// <summary>The active key matching the bearer token, or null.</summary>
    public async Task<KeyRow?> AuthenticateAsync(string plaintext, CancellationToken ct = default)
    {
        var prefix = ApiKeys.PrefixOf(plaintext);
        if (prefix is null)
        {
            return null;
        }

        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(FindKeyByPrefix, new { Prefix = prefix }, ct: ct);
        return row is not null && row.RevokedAt is null && ApiKeys.Matches(plaintext, row.Hash) ? row : null;
    }
}
