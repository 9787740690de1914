using System.Text.Json;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.UgcRights.Features;

/// <summary>
/// The portal's rights: the signed-in creator's content registered by this workspace (assets whose creator they are), each
/// with the rights requests addressed to them, the grants they gave and the people shown with their releases. Only a portal
/// request acting as a creator may ask (<see cref="Caller.PortalCreatorId"/>); it sees that creator's content only.
/// </summary>
public static class ListMyRights
{
    public const int MaxAssets = 200;

    public sealed record Request : IRequest<IReadOnlyList<MyAsset>>;

    public sealed record MyAsset(AssetView Asset, IReadOnlyList<RightsRequestView> Requests, IReadOnlyList<GrantView> Grants);

    public static readonly Sql CreatorsAssets = Sql.Per(
        sqlite: "SELECT id FROM ugc_assets WHERE workspace_id = @WorkspaceId AND creator_id = @CreatorId ORDER BY created_at DESC, id LIMIT @Take",
        sqlServer: "SELECT TOP (@Take) id FROM ugc_assets WHERE workspace_id = @WorkspaceId AND creator_id = @CreatorId ORDER BY created_at DESC, id");

    public static readonly Sql AssetsRequests = Sql.Per(
        sqlite: $"""
            SELECT {UgcStore.RequestColumns} FROM ugc_rights_requests
            WHERE workspace_id = @WorkspaceId AND asset_id IN (SELECT value FROM json_each(@Ids)) ORDER BY created_at DESC, id
            """,
        sqlServer: $"""
            SELECT {UgcStore.RequestColumns} FROM ugc_rights_requests
            WHERE workspace_id = @WorkspaceId AND asset_id IN (SELECT value FROM OPENJSON(@Ids) WITH (value NVARCHAR(40) '$')) ORDER BY created_at DESC, id
            """);

    internal sealed class Handler(Db db, Caller caller, UgcStore store) : IRequestHandler<Request, IReadOnlyList<MyAsset>>
    {
        public async Task<IReadOnlyList<MyAsset>> Handle(Request request, CancellationToken cancellationToken)
        {
            var creatorId = caller.PortalCreatorId ?? throw new ForbiddenException("Only a creator signed in to the portal has content of their own.");
            await using var c = await db.OpenAsync(cancellationToken);
            var ids = (await c.QueryAsync<string>(CreatorsAssets, new { caller.WorkspaceId, CreatorId = creatorId, Take = MaxAssets }, ct: cancellationToken))
                .ToList();
            var requests = (await c.QueryAsync<UgcStore.RequestRow>(AssetsRequests, new { caller.WorkspaceId, Ids = JsonSerializer.Serialize(ids) },
                ct: cancellationToken))
                .ToLookup(r => r.AssetId);
            var mine = new List<MyAsset>();
            foreach (var id in ids)
            {
                var asset = await store.LoadAssetAsync(c, caller.WorkspaceId, id, ct: cancellationToken);
                var grants = await store.LoadGrantsAsync(c, caller.WorkspaceId, id, ct: cancellationToken);
                mine.Add(new MyAsset(asset, requests[id].Select(r => r.ToView(store.Now)).ToList(), grants.Select(g => g.ToView()).Reverse().ToList()));
            }

            return mine;
        }
    }
}
