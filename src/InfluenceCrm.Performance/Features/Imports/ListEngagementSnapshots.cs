using System.Text.Json;
using FluentValidation;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Performance.Features.Imports;

/// <summary>
/// The engagement snapshots recorded or imported, latest capture first, with where each came from; filters: campaign,
/// deliverable, captured from / to; cursor paged. The history a report's latest figures come from.
/// </summary>
public static class ListEngagementSnapshots
{
    public sealed record Request : IRequest<Page<SnapshotView>>
    {
        public string? CampaignId { get; init; }
        public string? DeliverableId { get; init; }
        public DateTimeOffset? From { get; init; }
        public DateTimeOffset? To { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    /// <param name="Source">How it arrived: api, or the import it came from (csv…).</param>
    public sealed record SnapshotView(string Id, string CampaignId, string DeliverableId, DateTimeOffset CapturedAt, long? Views, long? Reach,
        long? Impressions,
        long? Likes, long? Comments, long? Shares, long? Saves, string Source, DateTimeOffset CreatedAt);

    private const string SortName = "-capturedAt";

    private static readonly KeysetOrder Latest = KeysetSearch.Order("""
        FROM perf_engagement_snapshots s
        WHERE s.workspace_id = @WorkspaceId AND (@CampaignId IS NULL OR s.campaign_id = @CampaignId) AND (@DeliverableId IS NULL OR s.deliverable_id =
          @DeliverableId)
          AND (@From IS NULL OR s.captured_at >= @From) AND (@To IS NULL OR s.captured_at < @To)
        """, "s", "captured_at", ascending: false, byTime: true);

    public static readonly Sql Load = KeysetSearch.ByIds("""
        SELECT id AS Id, campaign_id AS CampaignId, deliverable_id AS DeliverableId, captured_at AS CapturedAt, views AS Views, reach AS Reach,
            impressions AS Impressions, likes AS Likes, comments AS Comments, shares AS Shares, saves AS Saves, source AS Source, created_at AS CreatedAt
        FROM perf_engagement_snapshots WHERE workspace_id = @WorkspaceId
        """, "id");

    private sealed class Row
    {
        public string Id { get; init; } = "";
        public string CampaignId { get; init; } = "";
        public string DeliverableId { get; init; } = "";
        public DateTimeOffset CapturedAt { get; init; }
        public long? Views { get; init; }
        public long? Reach { get; init; }
        public long? Impressions { get; init; }
        public long? Likes { get; init; }
        public long? Comments { get; init; }
        public long? Shares { get; init; }
        public long? Saves { get; init; }
        public string Source { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Limit).InclusiveBetween(1, Cursor.MaxLimit);
            RuleFor(r => r.To).GreaterThan(r => r.From).When(r => r.From is not null && r.To is not null).WithMessage("to must be after from.");
            RuleFor(r => r.CampaignId).MaximumLength(40);
            RuleFor(r => r.DeliverableId).MaximumLength(40);
        }
    }

    internal sealed class Handler(Db db, Caller caller) : IRequestHandler<Request, Page<SnapshotView>>
    {
        public async Task<Page<SnapshotView>> Handle(Request r, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            var page = await KeysetSearch.PageAsync(c, Latest, SortName, r.Limit ?? Cursor.DefaultLimit, r.Cursor,
                new { caller.WorkspaceId, r.CampaignId, r.DeliverableId, r.From, r.To }, cancellationToken);
            var rows = await c.QueryAsync<Row>(Load, new { caller.WorkspaceId, Ids = JsonSerializer.Serialize(page.Items) }, ct: cancellationToken);
            return KeysetSearch.InPageOrder(page, rows, x => x.Id,
                x => new SnapshotView(x.Id, x.CampaignId, x.DeliverableId, x.CapturedAt, x.Views, x.Reach, x.Impressions,
                x.Likes, x.Comments, x.Shares, x.Saves, x.Source, x.CreatedAt));
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/engagement-snapshots",
            async ([AsParameters] Request request, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(request, ct)))
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(ListEngagementSnapshots))
            .WithSummary("List engagement snapshots, latest capture first (filters: campaignId, deliverableId, from, to); cursor paged")
            .Produces<Page<SnapshotView>>();
}
