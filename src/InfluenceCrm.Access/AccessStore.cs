using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;

namespace InfluenceCrm.Access;

/// <summary>Workspaces, API keys and calendar-feed secrets (tables platform_workspaces, platform_api_keys, platform_calendar_feeds).</summary>
public sealed class AccessStore(Db db, TimeProvider clock) : IApiCredentials
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

    internal static readonly Sql InsertFeed = Sql.Both("""
        INSERT INTO platform_calendar_feeds (id, workspace_id, name, campaign_id, secret_prefix, secret_hash, created_at, revoked_at)
        VALUES (@Id, @WorkspaceId, @Name, @CampaignId, @Prefix, @Hash, @CreatedAt, NULL)
        """);

    private const string FeedColumns = """
        id AS Id, workspace_id AS WorkspaceId, name AS Name, campaign_id AS CampaignId, secret_prefix AS Prefix, secret_hash AS Hash,
        created_at AS CreatedAt, revoked_at AS RevokedAt
        """;

    internal static readonly Sql FindFeedByPrefix = Sql.Both($"SELECT {FeedColumns} FROM platform_calendar_feeds WHERE secret_prefix = @Prefix");

    internal static readonly Sql ListFeeds = Sql.Both($"SELECT {FeedColumns} FROM platform_calendar_feeds WHERE workspace_id = @WorkspaceId ORDER BY " +
        $"created_at, id");

    internal static readonly Sql RevokeFeed = Sql.Both("""
        UPDATE platform_calendar_feeds SET revoked_at = @Now WHERE workspace_id = @WorkspaceId AND id = @Id AND revoked_at IS NULL
        """);

    internal static readonly Sql FindFeed = Sql.Both($"SELECT {FeedColumns} FROM platform_calendar_feeds WHERE workspace_id = @WorkspaceId AND id = @Id");

    /// <summary>A calendar subscription: a secret that opens one workspace's (or one campaign's) editorial calendar and nothing else.</summary>
    public sealed class FeedRow
    {
        public string Id { get; init; } = "";
        public string WorkspaceId { get; init; } = "";
        public string Name { get; init; } = "";
        public string? CampaignId { get; init; }
        public string Prefix { get; init; } = "";
        public string Hash { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? RevokedAt { get; init; }
    }

    public sealed record CreatedFeed(FeedRow Feed, string Secret);

    public async Task<CreatedFeed> CreateFeedAsync(string workspaceId, string name, string? campaignId, CancellationToken ct = default)
    {
        var secret = ApiKeys.Generate(ApiKeys.FeedScheme);
        var row = new FeedRow
        {
            Id = Ids.New("feed"),
            WorkspaceId = workspaceId,
            Name = name,
            CampaignId = campaignId,
            Prefix = secret.Prefix,
            Hash = secret.Hash,
            CreatedAt = clock.GetUtcNow(),
        };
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(InsertFeed, row, ct: ct);
        return new CreatedFeed(row, secret.Plaintext);
    }

    public async Task<IReadOnlyList<FeedRow>> ListFeedsAsync(string workspaceId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<FeedRow>(ListFeeds, new { WorkspaceId = workspaceId }, ct: ct)).ToList();
    }

    /// <returns>The feed (revoked now or before), or null when the workspace has no such feed.</returns>
    public async Task<FeedRow?> RevokeFeedAsync(string workspaceId, string id, CancellationToken ct = default)
    {
        await using (var connection = await db.OpenAsync(ct))
        {
            await connection.ExecuteAsync(RevokeFeed, new { WorkspaceId = workspaceId, Id = id, Now = clock.GetUtcNow() }, ct: ct);
        }

        return await FindFeedAsync(workspaceId, id, ct);
    }

    /// <summary>One feed of the workspace (revoked ones included), or null.</summary>
    public async Task<FeedRow?> FindFeedAsync(string workspaceId, string id, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<FeedRow>(FindFeed, new { WorkspaceId = workspaceId, Id = id }, ct: ct);
    }

    /// <summary>The active feed matching a secret from a subscription URL, or null.</summary>
    public async Task<FeedRow?> AuthenticateFeedAsync(string plaintext, CancellationToken ct = default)
    {
        if (ApiKeys.PrefixOf(plaintext, ApiKeys.FeedScheme) is not { } prefix)
        {
            return null;
        }

        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<FeedRow>(FindFeedByPrefix, new { Prefix = prefix }, ct: ct);
        return row is not null && row.RevokedAt is null && ApiKeys.Matches(plaintext, row.Hash) ? row : null;
    }

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
            Id = Ids.New("key"),
            WorkspaceId = workspaceId,
            Name = name,
            Role = role,
            Prefix = key.Prefix,
            Hash = key.Hash,
            CreatedAt = clock.GetUtcNow(),
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

    async Task<ApiCredential?> IApiCredentials.AuthenticateKeyAsync(string plaintext, CancellationToken ct) =>
        await AuthenticateAsync(plaintext, ct) is { } key ? new ApiCredential(key.Id, key.WorkspaceId, key.Role) : null;

    async Task<ApiCredential?> IApiCredentials.AuthenticateFeedAsync(string plaintext, CancellationToken ct) =>
        await AuthenticateFeedAsync(plaintext, ct) is { } feed ? new ApiCredential(feed.Id, feed.WorkspaceId, Roles.CalendarFeed, feed.CampaignId) : null;
}
