using InfluenceCrm.Platform.Data;

namespace InfluenceCrm.Creators;

/// <summary>A request to erase a creator's personal data, as legal sees it: who, through which door, when, and whether the erasure closed it.</summary>
public sealed record ErasureRequestView(string Id, string CreatorId, string CreatorName, string Channel, string? Message, DateTimeOffset RequestedAt,
    DateTimeOffset? ClosedAt);

internal static class ErasureRequests
{
    /// <summary>The doors a request comes through: the creator's portal, or legal recording one received otherwise (mail, letter) by the API.</summary>
    public static readonly string[] Channels = ["portal", "api"];

    public const string Columns = """
        r.id AS Id, r.creator_id AS CreatorId, c.display_name AS CreatorName, r.channel AS Channel, r.message AS Message,
        r.requested_at AS RequestedAt, r.closed_at AS ClosedAt
        """;

    /// <summary>The check before the insert (one open request per creator): on SQL Server the range stays locked until the write.</summary>
    public static readonly Sql FindOpen = Sql.Per(
        sqlite: $"""
            SELECT {Columns} FROM creator_erasure_requests r JOIN creator_creators c ON c.id = r.creator_id
            WHERE r.workspace_id = @WorkspaceId AND r.creator_id = @CreatorId AND r.closed_at IS NULL
            """,
        sqlServer: $"""
            SELECT {Columns} FROM creator_erasure_requests r WITH (UPDLOCK, HOLDLOCK) JOIN creator_creators c ON c.id = r.creator_id
            WHERE r.workspace_id = @WorkspaceId AND r.creator_id = @CreatorId AND r.closed_at IS NULL
            """);

    public static readonly Sql Insert = Sql.Both("""
        INSERT INTO creator_erasure_requests (id, workspace_id, creator_id, channel, message, requested_at, closed_at)
        VALUES (@Id, @WorkspaceId, @CreatorId, @Channel, @Message, @Now, NULL)
        """);

    public static readonly Sql OfCreator = Sql.Both($"""
        SELECT {Columns} FROM creator_erasure_requests r JOIN creator_creators c ON c.id = r.creator_id
        WHERE r.workspace_id = @WorkspaceId AND r.creator_id = @CreatorId ORDER BY r.requested_at, r.id
        """);

    /// <summary>The erasure answers the requests: closed, their free-text message (which may name the person) cleared.</summary>
    public static readonly Sql Close = Sql.Both("""
        UPDATE creator_erasure_requests SET closed_at = COALESCE(closed_at, @Now), message = NULL
        WHERE workspace_id = @WorkspaceId AND creator_id = @CreatorId
        """);

    internal sealed class Row
    {
        public string Id { get; init; } = "";
        public string CreatorId { get; init; } = "";
        public string CreatorName { get; init; } = "";
        public string Channel { get; init; } = "";
        public string? Message { get; init; }
        public DateTimeOffset RequestedAt { get; init; }
        public DateTimeOffset? ClosedAt { get; init; }

        public ErasureRequestView ToView() => new(Id, CreatorId, CreatorName, Channel, Message, RequestedAt, ClosedAt);
    }
}
