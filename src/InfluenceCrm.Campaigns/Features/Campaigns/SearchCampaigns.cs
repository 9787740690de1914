using FluentValidation;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using System.Runtime.CompilerServices;
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
        /// <summary>
        /// true: only the campaigns that start or end between from and to (inclusive; both required), not every campaign
        /// running then. What Today's "starting or ending this week" lists.
        /// </summary>
        public bool? StartingOrEnding { get; init; }
        /// <summary>
        /// name, -name, createdAt, -createdAt (default -createdAt); with startingOrEnding also startOrEnd (its default),
        /// -startOrEnd: by the first day between from and to on which the campaign starts or ends.
        /// </summary>
        public string? Sort { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    private const string Optional = """
        FROM campaign_campaigns c
        WHERE c.workspace_id = @WorkspaceId
          AND (@Q IS NULL OR c.name_key LIKE @Q ESCAPE '\' OR c.brand_key LIKE @Q ESCAPE '\')
          AND (@Status IS NULL OR c.status = @Status)
          AND (@Brand IS NULL OR c.brand_key = @Brand)
          AND (@Market IS NULL OR c.markets LIKE @Market)
          AND (@Platform IS NULL OR c.platforms LIKE @Platform)

        """;

    private const string Filters = Optional + """
          AND (@From IS NULL OR c.ends_on IS NULL OR c.ends_on >= @From)
          AND (@To IS NULL OR c.starts_on IS NULL OR c.starts_on <= @To)
        """;

    /// <summary>
    /// startingOrEnding: a start or an end in the range, its own statements (never "@StartingOrEnding = 0 OR …"): two
    /// ranges, each a seek of its index (starts: 0003, ends: 0058) that both engines union.
    /// </summary>
    private const string StartingOrEndingFilters = Optional + """
          AND (c.starts_on >= @From AND c.starts_on <= @To OR c.ends_on >= @From AND c.ends_on <= @To)
        """;

    /// <summary>The first day of the range on which the campaign starts or ends (its start if within, else its end).</summary>
    private const string StartOrEnd = "CASE WHEN c.starts_on >= @From THEN c.starts_on ELSE c.ends_on END";

    private static readonly IReadOnlyDictionary<string, KeysetOrder> Orders = new Dictionary<string, KeysetOrder>
    {
        ["name"] = KeysetSearch.Order(Filters, "c", "name_key", ascending: true, byTime: false),
        ["-name"] = KeysetSearch.Order(Filters, "c", "name_key", ascending: false, byTime: false),
        ["createdAt"] = KeysetSearch.Order(Filters, "c", "created_at", ascending: true, byTime: true),
        ["-createdAt"] = KeysetSearch.Order(Filters, "c", "created_at", ascending: false, byTime: true),
    };

    private static readonly IReadOnlyDictionary<string, KeysetOrder> StartingOrEndingOrders = new Dictionary<string, KeysetOrder>
    {
        ["name"] = KeysetSearch.Order(StartingOrEndingFilters, "c", "name_key", ascending: true, byTime: false),
        ["-name"] = KeysetSearch.Order(StartingOrEndingFilters, "c", "name_key", ascending: false, byTime: false),
        ["createdAt"] = KeysetSearch.Order(StartingOrEndingFilters, "c", "created_at", ascending: true, byTime: true),
        ["-createdAt"] = KeysetSearch.Order(StartingOrEndingFilters, "c", "created_at", ascending: false, byTime: true),
        ["startOrEnd"] = ByStartOrEnd(ascending: true),
        ["-startOrEnd"] = ByStartOrEnd(ascending: false),
    };

    /// <summary>
    /// Keyset paging on the start-or-end day (an expression, not a column as KeysetSearch.Order takes): the cursor holds
    /// the day as yyyy-MM-dd on both engines (SQL Server compares it to the date expression as a date).
    /// </summary>
    private static KeysetOrder ByStartOrEnd(bool ascending, [CallerLineNumber] int line = 0)
    {
        var (compare, direction) = ascending ? (">", "ASC") : ("<", "DESC");
        var order = $"ORDER BY {StartOrEnd} {direction}, c.id {direction}";
        var after = $"AND ({StartOrEnd} {compare} @After OR ({StartOrEnd} = @After AND c.id {compare} @AfterId))";
        Sql Statement(string condition) => Sql.Per(
            sqlite: $"SELECT c.id AS Id, {StartOrEnd} AS SortValue {StartingOrEndingFilters}\n  {condition}\n{order} LIMIT @Take",
            sqlServer: $"SELECT TOP (@Take) c.id AS Id, CONVERT(CHAR(10), {StartOrEnd}, 23) AS SortValue {StartingOrEndingFilters}\n  {condition}\n{order}"
                + " OPTION (RECOMPILE)",
            line: line);
        return new KeysetOrder(Statement(""), Statement(after), ByTime: false);
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Sort).Must(s => Orders.ContainsKey(s!)).WithMessage($"sort must be one of: {string.Join(", ", Orders.Keys)}.")
                .When(r => r.Sort is not null && r.StartingOrEnding != true);
            RuleFor(r => r.Sort).Must(s => StartingOrEndingOrders.ContainsKey(s!))
                .WithMessage($"sort must be one of: {string.Join(", ", StartingOrEndingOrders.Keys)}.")
                .When(r => r.Sort is not null && r.StartingOrEnding == true);
            RuleFor(r => r.From).NotNull().WithMessage("startingOrEnding needs from and to.").When(r => r.StartingOrEnding == true);
            RuleFor(r => r.To).NotNull().WithMessage("startingOrEnding needs from and to.").When(r => r.StartingOrEnding == true);
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
            var startingOrEnding = request.StartingOrEnding == true;
            var sort = request.Sort ?? (startingOrEnding ? "startOrEnd" : "-createdAt");
            var limit = request.Limit ?? Cursor.DefaultLimit;
            await using var c = await db.OpenAsync(cancellationToken);
            var page = await KeysetSearch.PageAsync(c, (startingOrEnding ? StartingOrEndingOrders : Orders)[sort], sort, limit, request.Cursor, new
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
            .WithDescription("from/to: campaigns running on some day of the range; with startingOrEnding=true, only those that start or end in it "
                + "(from and to required; sort startOrEnd, the default, or -startOrEnd: by that day).")
            .Produces<Page<CampaignView>>();
}
