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

/// <summary>The workspace's promo codes, newest first; filters: campaign, creator.</summary>
public static class ListPromoCodes
{
    public sealed record Request : IRequest<Page<RegisterPromoCode.Response>>
    {
        public string? CampaignId { get; init; }
        public string? CreatorId { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    private const string SortName = "-createdAt";

    private static readonly KeysetOrder Newest = KeysetSearch.Order("""
        FROM perf_promo_codes p
        WHERE p.workspace_id = @WorkspaceId
          AND (@CampaignId IS NULL OR p.campaign_id = @CampaignId)
          AND (@CreatorId IS NULL OR p.creator_id = @CreatorId)
        """, "p", "created_at", ascending: false, byTime: true);

    public static readonly Sql Load = KeysetSearch.ByIds(
        "SELECT id AS Id, code AS Code, campaign_id AS CampaignId, creator_id AS CreatorId, deliverable_id AS DeliverableId FROM perf_promo_codes WHERE " +
            "workspace_id = @WorkspaceId",
        "id");

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator() => RuleFor(r => r.Limit).InclusiveBetween(1, Cursor.MaxLimit);
    }

    internal sealed class Handler(Db db, Caller caller) : IRequestHandler<Request, Page<RegisterPromoCode.Response>>
    {
        public async Task<Page<RegisterPromoCode.Response>> Handle(Request r, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            var page = await KeysetSearch.PageAsync(c, Newest, SortName, r.Limit ?? Cursor.DefaultLimit, r.Cursor,
                new { caller.WorkspaceId, r.CampaignId, r.CreatorId }, cancellationToken);
            var rows = await c.QueryAsync<RegisterPromoCode.Response>(Load, new { caller.WorkspaceId, Ids = JsonSerializer.Serialize(page.Items) },
                ct: cancellationToken);
            return KeysetSearch.InPageOrder(page, rows, x => x.Id, x => x);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/promo-codes",
            async ([AsParameters] Request request, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(request, ct)))
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(ListPromoCodes))
            .WithSummary("List promo codes, newest first (filters: campaignId, creatorId)")
            .Produces<Page<RegisterPromoCode.Response>>();
}
