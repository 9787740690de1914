using InfluenceCrm.Performance.Features.Links;
using InfluenceCrm.Platform.Data;

namespace InfluenceCrm.Performance;

/// <summary>The SQL of tracked links (perf_links, perf_link_history) and the rows several features read. Only this module touches perf_* tables.</summary>
internal static class PerfStore
{
    public const string LinkColumns = """
        id AS Id, workspace_id AS WorkspaceId, code AS Code, campaign_id AS CampaignId, deliverable_id AS DeliverableId, creator_id AS CreatorId,
        platform AS Platform, base_destination AS BaseDestination, destination AS Destination, status AS Status, expires_at AS ExpiresAt,
        version AS Version, created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    public static readonly Sql InsertLink = Sql.Both("""
        INSERT INTO perf_links (id, workspace_id, code, campaign_id, deliverable_id, creator_id, platform, base_destination, destination, status, expires_at,
            version, created_at, updated_at)
        VALUES (@Id, @WorkspaceId, @Code, @CampaignId, @DeliverableId, @CreatorId, @Platform, @BaseDestination, @Destination, 'active', @ExpiresAt, 1, @Now,
          @Now)
        """);

    public static readonly Sql UpdateLink = Sql.Both("""
        UPDATE perf_links SET base_destination = @BaseDestination, destination = @Destination, status = @Status, expires_at = @ExpiresAt,
            version = version + 1, updated_at = @Now
        WHERE id = @Id AND workspace_id = @WorkspaceId AND version = @Version
        """);

    public static readonly Sql InsertHistory = Sql.Both(
        "INSERT INTO perf_link_history (id, link_id, destination, replaced_at, replaced_by) VALUES (@Id, @LinkId, @Destination, @Now, @By)");

    public static readonly Sql LoadLink = Sql.Both($"SELECT {LinkColumns} FROM perf_links WHERE workspace_id = @WorkspaceId AND id = @Id");

    public static readonly Sql LoadHistory = Sql.Both(
        "SELECT destination AS Destination, replaced_at AS ReplacedAt, replaced_by AS ReplacedBy FROM perf_link_history WHERE link_id = @Id ORDER BY " +
            "replaced_at, id");

    /// <summary>Links changed since a time: what the redirect cache polls (every link of every workspace: codes are global).</summary>
    public static readonly Sql ChangedSince = Sql.Both($"SELECT {LinkColumns} FROM perf_links WHERE updated_at > @Since");

    internal sealed class LinkRow
    {
        public string Id { get; init; } = "";
        public string WorkspaceId { get; init; } = "";
        public string Code { get; init; } = "";
        public string CampaignId { get; init; } = "";
        public string? DeliverableId { get; init; }
        public string CreatorId { get; init; } = "";
        public string Platform { get; init; } = "";
        public string BaseDestination { get; init; } = "";
        public string Destination { get; init; } = "";
        public string Status { get; init; } = "";
        public DateTimeOffset? ExpiresAt { get; init; }
        public long Version { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
    }

    /// <summary>A deliverable's engagement counts as a snapshot stores them: what the report sums and an import compares with.</summary>
    internal sealed class SnapshotRow
    {
        public string DeliverableId { get; init; } = "";
        public long? Views { get; init; }
        public long? Reach { get; init; }
        public long? Impressions { get; init; }
        public long? Likes { get; init; }
        public long? Comments { get; init; }
        public long? Shares { get; init; }
        public long? Saves { get; init; }
    }
}
