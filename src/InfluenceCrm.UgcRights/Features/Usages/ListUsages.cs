using System.Text.Json;
using FluentValidation;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.UgcRights.Features;

/// <summary>Where the workspace uses its assets, newest first; filters: asset, channel, territory, in force on a day; cursor paged.</summary>
public static class ListUsages
{
    public sealed record Request : IRequest<Page<RecordUsage.UsageView>>
    {
        public string? AssetId { get; init; }
        public string? Channel { get; init; }
        public string? Territory { get; init; }
        /// <summary>Only usages that run on this day.</summary>
        public DateOnly? InForceOn { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    private const string SortName = "-createdAt";

    private static readonly KeysetOrder Newest = KeysetSearch.Order("""
        FROM ugc_usages u
        WHERE u.workspace_id = @WorkspaceId AND (@AssetId IS NULL OR u.asset_id = @AssetId) AND (@Channel IS NULL OR u.channel = @Channel)
          AND (@Territory IS NULL OR u.territory = @Territory)
          AND (@InForceOn IS NULL OR (u.used_from <= @InForceOn AND (u.used_until IS NULL OR u.used_until >= @InForceOn)))
        """, "u", "created_at", ascending: false, byTime: true);

    public static readonly Sql Load = KeysetSearch.ByIds("""
        SELECT id AS Id, asset_id AS AssetId, channel AS Channel, territory AS Territory, used_from AS UsedFrom, used_until AS UsedUntil, modified AS Modified
        FROM ugc_usages WHERE workspace_id = @WorkspaceId
        """, "id");

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

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Limit).InclusiveBetween(1, Cursor.MaxLimit);
            RuleFor(r => r.Channel).Must(c => UgcRules.Channels.Contains(c!)).When(r => r.Channel is not null)
                .WithMessage($"channel is one of: {string.Join(", ", UgcRules.Channels)}.");
            RuleFor(r => r.Territory).MaximumLength(10);
            RuleFor(r => r.AssetId).MaximumLength(40);
        }
    }

    internal sealed class Handler(Db db, Caller caller) : IRequestHandler<Request, Page<RecordUsage.UsageView>>
    {
        public async Task<Page<RecordUsage.UsageView>> Handle(Request r, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            var page = await KeysetSearch.PageAsync(c, Newest, SortName, r.Limit ?? Cursor.DefaultLimit, r.Cursor,
                new { caller.WorkspaceId, r.AssetId, r.Channel, r.Territory, r.InForceOn }, cancellationToken);
            var rows = await c.QueryAsync<Row>(Load, new { caller.WorkspaceId, Ids = JsonSerializer.Serialize(page.Items) }, ct: cancellationToken);
            return KeysetSearch.InPageOrder(page, rows, x => x.Id, x => new RecordUsage.UsageView(x.Id, x.AssetId, x.Channel, x.Territory, x.UsedFrom, x.UsedUntil, x.Modified));
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/usages", async ([AsParameters] Request request, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(request, ct)))
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(ListUsages))
            .WithSummary("List usages of assets, newest first (filters: assetId, channel, territory, inForceOn); cursor paged")
            .Produces<Page<RecordUsage.UsageView>>();
}
