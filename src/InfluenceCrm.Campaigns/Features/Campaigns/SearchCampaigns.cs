using FluentValidation;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Campaigns.Features;

public static class SearchCampaigns
{
    public sealed record Request : IRequest<Page<CampaignView>>
    {
        /// <summary>Part of the name or brand; case and accents ignored.</summary>
        public string? Q { get; init; }
        public string? Status { get; init; }
        public string? Brand { get; init; }
        public string? Market { get; init; }
        public string? Platform { get; init; }
        /// <summary>Campaigns running on some day between from and to (inclusive).</summary>
        public DateOnly? From { get; init; }
        public DateOnly? To { get; init; }
        /// <summary>name, -name, createdAt, -createdAt (default -createdAt).</summary>
        public string? Sort { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    private const string Filters = """
        FROM campaign_campaigns c
        WHERE c.workspace_id = @WorkspaceId
          AND (@Q IS NULL OR c.name_key LIKE @Q ESCAPE '\' OR c.brand_key LIKE @Q ESCAPE '\')
          AND (@Status IS NULL OR c.status = @Status)
          AND (@Brand IS NULL OR c.brand_key = @Brand)
          AND (@Market IS NULL OR c.markets LIKE @Market)
          AND (@Platform IS NULL OR c.platforms LIKE @Platform)
          AND (@From IS NULL OR c.ends_on IS NULL OR c.ends_on >= @From)
          AND (@To IS NULL OR c.starts_on IS NULL OR c.starts_on <= @To)
        """;

    private static readonly IReadOnlyDictionary<string, KeysetOrder> Orders = new Dictionary<string, KeysetOrder>
    {
        ["name"] = KeysetSearch.Order(Filters, "c", "name_key", ascending: true, byTime: false),
        ["-name"] = KeysetSearch.Order(Filters, "c", "name_key", ascending: false, byTime: false),
        ["createdAt"] = KeysetSearch.Order(Filters, "c", "created_at", ascending: true, byTime: true),
        ["-createdAt"] = KeysetSearch.Order(Filters, "c", "created_at", ascending: false, byTime: true),
    };

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Sort).Must(s => Orders.ContainsKey(s!)).WithMessage($"sort must be one of: {string.Join(", ", Orders.Keys)}.")
                .When(r => r.Sort is not null);
            RuleFor(r => r.Limit).InclusiveBetween(1, Cursor.MaxLimit);
            RuleFor(r => r.Status).Must(s => CampaignRules.Statuses.Contains(s!))
                .WithMessage($"status must be one of: {string.Join(", ", CampaignRules.Statuses)}.").When(r => r.Status is not null);
            RuleFor(r => r.Market).Must(m => Vocabulary.Countries.Contains(m!)).WithMessage("market must be an ISO 3166-1 alpha-2 code, e.g. FR.")
                .When(r => r.Market is not null);
            RuleFor(r => r.Platform).Must(p => Vocabulary.Platforms.Contains(p!))
                .WithMessage($"platform must be one of: {Vocabulary.ListOf(Vocabulary.Platforms)}.").When(r => r.Platform is not null);
            RuleFor(r => r.To).GreaterThanOrEqualTo(r => r.From).WithMessage("to cannot be before from.")
                .When(r => r.From is not null && r.To is not null);
            RuleFor(r => r.Q).MaximumLength(200);
        }
    }

    internal sealed class Handler(Db db, Caller caller, CampaignStore store) : IRequestHandler<Request, Page<CampaignView>>
    {
        public async Task<Page<CampaignView>> Handle(Request request, CancellationToken cancellationToken)
        {
            var sort = request.Sort ?? "-createdAt";
            var limit = request.Limit ?? Cursor.DefaultLimit;
            await using var c = await db.OpenAsync(cancellationToken);
            var page = await KeysetSearch.PageAsync(c, Orders[sort], sort, limit, request.Cursor, new
            {
                caller.WorkspaceId,
                Q = string.IsNullOrWhiteSpace(request.Q) ? null : Text.ContainsPattern(request.Q),
                request.Status,
                Brand = request.Brand is null ? null : Text.SearchKey(request.Brand),
                Market = CampaignRules.ContainsCode(request.Market),
                Platform = CampaignRules.ContainsCode(request.Platform),
                request.From,
                request.To,
            }, cancellationToken);
            return new Page<CampaignView>(await store.LoadCampaignsAsync(c, caller.WorkspaceId, page.Items, ct: cancellationToken),
                page.NextCursor);
        }

    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("", async ([AsParameters] Request request, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(request, ct)))
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(SearchCampaigns))
            .WithSummary("Search campaigns (q, status, brand, market, platform, date range; cursor paging)")
            .Produces<Page<CampaignView>>();
}
