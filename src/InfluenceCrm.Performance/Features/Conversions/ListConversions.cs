using System.Text.Json;
using FluentValidation;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Performance.Features.Conversions;

/// <summary>
/// The workspace's conversions, newest first, each with how it was attributed (or why not); filters: campaign, creator,
/// source, attribution (promo_code, click, none — the unattributed ones).
/// </summary>
public static class ListConversions
{
    public sealed record Request : IRequest<Page<RecordConversion.ConversionView>>
    {
        public string? CampaignId { get; init; }
        public string? CreatorId { get; init; }
        public string? Source { get; init; }
        public string? Attribution { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    private const string SortName = "-createdAt";

    private static readonly KeysetOrder Newest = KeysetSearch.Order("""
        FROM perf_conversions v
        WHERE v.workspace_id = @WorkspaceId
          AND (@CampaignId IS NULL OR v.campaign_id = @CampaignId)
          AND (@CreatorId IS NULL OR v.creator_id = @CreatorId)
          AND (@Source IS NULL OR v.source = @Source)
          AND (@Attribution IS NULL OR v.attribution = @Attribution)
        """, "v", "created_at", ascending: false, byTime: true);

    public static readonly Sql Load = KeysetSearch.ByIds($"{RecordConversion.ExistingColumns} FROM perf_conversions WHERE workspace_id = @WorkspaceId", "id");

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Limit).InclusiveBetween(1, Cursor.MaxLimit);
            RuleFor(r => r.Attribution).Must(a => a is "promo_code" or "click" or "none").When(r => r.Attribution is not null)
                .WithMessage("attribution is promo_code, click or none.");
            RuleFor(r => r.Source).MaximumLength(100);
        }
    }

    internal sealed class Handler(Db db, Caller caller) : IRequestHandler<Request, Page<RecordConversion.ConversionView>>
    {
        public async Task<Page<RecordConversion.ConversionView>> Handle(Request r, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            var page = await KeysetSearch.PageAsync(c, Newest, SortName, r.Limit ?? Cursor.DefaultLimit, r.Cursor,
                new { caller.WorkspaceId, r.CampaignId, r.CreatorId, r.Source, r.Attribution }, cancellationToken);
            var rows = await c.QueryAsync<RecordConversion.Row>(Load, new { caller.WorkspaceId, Ids = JsonSerializer.Serialize(page.Items) },
                ct: cancellationToken);
            return KeysetSearch.InPageOrder(page, rows, x => x.Id, x => x.ToView());
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/conversions",
            async ([AsParameters] Request request, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(request, ct)))
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(ListConversions))
            .WithSummary("List conversions, newest first, with their attribution (filters: campaignId, creatorId, source, attribution = promo_code | " +
            "click | none)")
            .Produces<Page<RecordConversion.ConversionView>>();
}
