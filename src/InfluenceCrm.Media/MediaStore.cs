using InfluenceCrm.Media.PublicQueries;
using InfluenceCrm.Platform.Data;

namespace InfluenceCrm.Media;

/// <summary>Reads and writes the media_* tables. Only this module touches them.</summary>
internal static class MediaStore
{
    public const string Columns = """
        id AS Id, content_type AS ContentType, bytes AS Bytes, sha256 AS Sha256, width AS Width, height AS Height, storage_key AS StorageKey,
        thumbnail_key AS ThumbnailKey, created_at AS CreatedAt
        """;

    public static readonly Sql Insert = Sql.Both("""
        INSERT INTO media_files (id, workspace_id, content_type, bytes, sha256, width, height, storage_key, thumbnail_key, created_by, created_at)
        VALUES (@Id, @WorkspaceId, @ContentType, @Bytes, @Sha256, @Width, @Height, @StorageKey, @ThumbnailKey, @CreatedBy, @CreatedAt)
        """);

    public static readonly Sql Load = Sql.Both($"SELECT {Columns} FROM media_files WHERE workspace_id = @WorkspaceId AND id = @Id");

    public static readonly Sql LoadMany = KeysetSearch.ByIds($"SELECT {Columns} FROM media_files WHERE workspace_id = @WorkspaceId", "id");

    public static readonly Sql LoadCreators = Sql.Both($"""
        SELECT {Columns} FROM media_files
        WHERE workspace_id = @WorkspaceId AND id IN (SELECT media_id FROM media_creator_links WHERE workspace_id = @WorkspaceId AND creator_id = @CreatorId)
        ORDER BY created_at, id
        """);

    /// <summary>Whether the file is the creator's: uploaded by them in the portal, or in a draft of theirs.</summary>
    public static readonly Sql IsCreators = Sql.Both("""
        SELECT COUNT(*) FROM media_files f
        WHERE f.workspace_id = @WorkspaceId AND f.id = @Id AND (f.created_by = @CreatorId
            OR EXISTS (SELECT 1 FROM media_creator_links l WHERE l.workspace_id = @WorkspaceId AND l.media_id = f.id AND l.creator_id = @CreatorId))
        """);

    /// <summary>Once per file and creator; a second draft naming the same file changes nothing.</summary>
    public static readonly Sql Link = Sql.Per(
        sqlite: """
            INSERT INTO media_creator_links (media_id, creator_id, workspace_id, linked_at) VALUES (@MediaId, @CreatorId, @WorkspaceId, @Now)
            ON CONFLICT (media_id, creator_id) DO NOTHING
            """,
        sqlServer: """
            INSERT INTO media_creator_links (media_id, creator_id, workspace_id, linked_at)
            SELECT @MediaId, @CreatorId, @WorkspaceId, @Now
            WHERE NOT EXISTS (SELECT 1 FROM media_creator_links WITH (UPDLOCK, HOLDLOCK) WHERE media_id = @MediaId AND creator_id = @CreatorId)
            """);

    public static readonly Sql DeleteLinks = Sql.Both("DELETE FROM media_creator_links WHERE workspace_id = @WorkspaceId AND media_id = @Id");

    public static readonly Sql Delete = Sql.Both("DELETE FROM media_files WHERE workspace_id = @WorkspaceId AND id = @Id");

    public static readonly Sql QueuePurge = Sql.Both("INSERT INTO media_purges (storage_key, queued_at) VALUES (@Key, @Now)");

    internal sealed class Row
    {
        public string Id { get; init; } = "";
        public string ContentType { get; init; } = "";
        public long Bytes { get; init; }
        public string Sha256 { get; init; } = "";
        public int? Width { get; init; }
        public int? Height { get; init; }
        public string StorageKey { get; init; } = "";
        public string? ThumbnailKey { get; init; }
        public DateTimeOffset CreatedAt { get; init; }

        public MediaFile ToView() => new(Id, MediaFile.UrlOf(Id), ContentType, Bytes, Sha256.Trim(), Width, Height,
            ThumbnailKey is null ? null : MediaFile.UrlOf(Id) + "/thumbnail");

        public IEnumerable<string> Keys => ThumbnailKey is null ? [StorageKey] : [StorageKey, ThumbnailKey];
    }
}
