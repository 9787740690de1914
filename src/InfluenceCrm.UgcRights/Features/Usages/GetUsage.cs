using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.UgcRights.Features;

/// <summary>One recorded use of an asset: what the Location of POST /usages names.</summary>
public static class GetUsage
{
    public sealed record Request(string AssetId, string UsageId) : IRequest<RecordUsage.UsageView>;

    public static readonly Sql Load = Sql.Both("""
        SELECT id AS Id, asset_id AS AssetId, channel AS Channel, territory AS Territory, used_from AS UsedFrom, used_until AS UsedUntil, modified AS Modified
        FROM ugc_usages WHERE workspace_id = @WorkspaceId AND asset_id = @AssetId AND id = @Id
        """);

    private sealed class Row
    {
        public string Id { get; init; } = "";
        public string AssetId { get; init; } = "";
        public string Channel { get; init; } = "";
        public string Territory { get; init; } = "";
        public DateOnly UsedFrom { get; init; }
        public DateOnly? UsedUntil { get; init; }
        public bool Modified { get; init; }
    }

    internal sealed class Handler(Db db, Caller caller) : IRequestHandler<Request, RecordUsage.UsageView>
    {
        public async Task<RecordUsage.UsageView> Handle(Request request, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            var row = await c.QuerySingleOrDefaultAsync<Row>(Load, new { caller.WorkspaceId, request.AssetId, Id = request.UsageId }, ct: cancellationToken)
                ?? throw new NotFoundException("usage", request.UsageId);
            return new RecordUsage.UsageView(row.Id, row.AssetId, row.Channel, row.Territory, row.UsedFrom, row.UsedUntil, row.Modified);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/assets/{id}/usages/{usageId}", async (string id, string usageId, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new Request(id, usageId), ct)))
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(GetUsage))
            .WithSummary("Read a recorded use of an asset")
            .Produces<RecordUsage.UsageView>();
}
