using System.Text.Json;
using InfluenceCrm.Creators.PublicQueries;
using InfluenceCrm.Platform.Data;
using MediatR;

namespace InfluenceCrm.UgcRights;

/// <summary>
/// The UGC module's part of a creator's personal-data export, the same reach as its erasure: the creator's assets (by
/// creator id, or by an author handle that is one of theirs) with the people shown and their releases, the rights
/// requests about those assets (the licensor's name and handle), the grants (licensor, terms, evidence), and the replies
/// to requests on those assets or written from one of the creator's handles.
/// </summary>
internal sealed class CreatorPersonalData(UgcStore store) : INotificationHandler<CreatorDataRequested>
{
    public static readonly Sql AssetRequests = Sql.Both(
        $"SELECT {UgcStore.RequestColumns} FROM ugc_rights_requests WHERE workspace_id = @WorkspaceId AND asset_id = @AssetId ORDER BY created_at, id");

    public static readonly Sql CreatorsReplies = Sql.Per(
        sqlite: """
            SELECT y.id AS Id, y.request_id AS RequestId, y.received_at AS ReceivedAt, y.author_handle AS AuthorHandle, y.text AS Text, y.outcome AS Outcome
            FROM ugc_request_replies y JOIN ugc_rights_requests r ON r.id = y.request_id JOIN ugc_assets a ON a.id = r.asset_id
            WHERE y.workspace_id = @WorkspaceId AND r.workspace_id = @WorkspaceId
              AND (a.id IN (SELECT value FROM json_each(@AssetIds))
                OR a.platform || ':' || lower(ltrim(trim(y.author_handle), '@')) IN (SELECT value FROM json_each(@Handles)))
            ORDER BY y.received_at, y.id
            """,
        sqlServer: """
            SELECT y.id AS Id, y.request_id AS RequestId, y.received_at AS ReceivedAt, y.author_handle AS AuthorHandle, y.text AS Text, y.outcome AS Outcome
            FROM ugc_request_replies y JOIN ugc_rights_requests r ON r.id = y.request_id JOIN ugc_assets a ON a.id = r.asset_id
            WHERE y.workspace_id = @WorkspaceId AND r.workspace_id = @WorkspaceId
              AND (a.id IN (SELECT value FROM OPENJSON(@AssetIds) WITH (value NVARCHAR(40) '$'))
                OR CONCAT(a.platform, N':', lower(LTRIM(RTRIM(REPLACE(y.author_handle, N'@', N'')))))
                    IN (SELECT value FROM OPENJSON(@Handles) WITH (value NVARCHAR(200) '$')))
            ORDER BY y.received_at, y.id
            """);

    public sealed record AssetData(AssetView Asset, IReadOnlyList<RightsRequestView> RightsRequests, IReadOnlyList<GrantView> Grants);

    public sealed record Reply(string Id, string RequestId, DateTimeOffset ReceivedAt, string AuthorHandle, string Text, string Outcome);

    public sealed record Section(IReadOnlyList<AssetData> Assets, IReadOnlyList<Reply> Replies);

    private sealed class ReplyRow
    {
        public string Id { get; init; } = "";
        public string RequestId { get; init; } = "";
        public DateTimeOffset ReceivedAt { get; init; }
        public string AuthorHandle { get; init; } = "";
        public string Text { get; init; } = "";
        public string Outcome { get; init; } = "";
    }

    public async Task Handle(CreatorDataRequested e, CancellationToken cancellationToken)
    {
        var (c, tx) = (e.Connection, e.Transaction);
        var handles = JsonSerializer.Serialize(e.Handles);
        var ids = (await c.QueryAsync<string>(CreatorErasure.CreatorsAssets, new { e.WorkspaceId, e.CreatorId, Handles = handles }, tx, cancellationToken))
            .ToList();
        var assets = new List<AssetData>();
        foreach (var id in ids)
        {
            var asset = await store.LoadAssetAsync(c, e.WorkspaceId, id, tx, cancellationToken);
            var requests = await c.QueryAsync<UgcStore.RequestRow>(AssetRequests, new { e.WorkspaceId, AssetId = id }, tx, cancellationToken);
            var grants = await store.LoadGrantsAsync(c, e.WorkspaceId, id, tx, cancellationToken);
            assets.Add(new AssetData(asset, requests.Select(r => r.ToView(store.Now)).ToList(), grants.Select(g => g.ToView()).ToList()));
        }

        var replies = (await c.QueryAsync<ReplyRow>(CreatorsReplies, new { e.WorkspaceId, AssetIds = JsonSerializer.Serialize(ids), Handles = handles }, tx,
            cancellationToken)).Select(r => new Reply(r.Id, r.RequestId, r.ReceivedAt, r.AuthorHandle, r.Text, r.Outcome)).ToList();
        e.Export.Add("ugcRights", new Section(assets, replies));
    }
}
