using System.Text.Json;
using FluentValidation;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Performance.Features.Links;

/// <summary>The workspace's links, newest first, with their clicks (raw, human) and unique visitors; filters: campaign, creator, deliverable, status.</summary>
public static class ListLinks
{
    public sealed record Request : IRequest<Page<ListedLink>>
    {
        public string? CampaignId { get; init; }
        public string? CreatorId { get; init; }
        public string? DeliverableId { get; init; }
        public string? Status { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    public sealed record ListedLink(CreateLink.LinkView Link, long Clicks, long HumanClicks, long UniqueVisitors);

    private const string SortName = "-createdAt";

    private static readonly KeysetOrder Newest = KeysetSearch.Order("""
        FROM perf_links l
        WHERE l.workspace_id = @WorkspaceId
          AND (@CampaignId IS NULL OR l.campaign_id = @CampaignId)
          AND (@CreatorId IS NULL OR l.creator_id = @CreatorId)
          AND (@DeliverableId IS NULL OR l.deliverable_id = @DeliverableId)
          AND (@Status IS NULL OR l.status = @Status)
        """, "l", "created_at", ascending: false, byTime: true);

    private const string TotalColumns = """
        (SELECT COALESCE(SUM(d.clicks), 0) FROM perf_link_daily d WHERE d.link_id = perf_links.id) AS Clicks,
        (SELECT COALESCE(SUM(d.human_clicks), 0) FROM perf_link_daily d WHERE d.link_id = perf_links.id) AS HumanClicks,
        (SELECT COALESCE(SUM(d.unique_visitors), 0) FROM perf_link_daily d WHERE d.link_id = perf_links.id) AS UniqueVisitors
        """;

    public static readonly Sql Load = KeysetSearch.ByIds($"SELECT {PerfStore.LinkColumns}, {TotalColumns} FROM perf_links WHERE workspace_id = " +
        $"@WorkspaceId", "id");

    internal sealed class Totals
    {
        public long Clicks { get; init; }
        public long HumanClicks { get; init; }
        public long UniqueVisitors { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Limit).InclusiveBetween(1, Cursor.MaxLimit);
            RuleFor(r => r.Status).Must(s => s is "active" or "paused" or "expired").When(r => r.Status is not null)
                .WithMessage("status is active, paused or expired.");
        }
    }

    internal sealed class Handler(Db db, Caller caller, PublicUrls urls) : IRequestHandler<Request, Page<ListedLink>>
    {
        public async Task<Page<ListedLink>> Handle(Request r, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            var page = await KeysetSearch.PageAsync(c, Newest, SortName, r.Limit ?? Cursor.DefaultLimit, r.Cursor,
                new { caller.WorkspaceId, r.CampaignId, r.CreatorId, r.DeliverableId, r.Status }, cancellationToken);
            var rows = (await Dapper.SqlMapper.QueryAsync<PerfStore.LinkRow, Totals, ListedLink>(c,
                    new Dapper.CommandDefinition(Load.For(c.Provider()), new { caller.WorkspaceId, Ids = JsonSerializer.Serialize(page.Items) },
                        cancellationToken: cancellationToken),
                    (link, totals) => new ListedLink(CreateLink.LinkView.From(link, urls), totals.Clicks, totals.HumanClicks, totals.UniqueVisitors),
                        splitOn: "Clicks"));
            return KeysetSearch.InPageOrder(page, rows, x => x.Link.Id, x => x);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("", async ([AsParameters] Request request, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(request, ct)))
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(ListLinks))
            .WithSummary("List links, newest first, with clicks, human clicks and unique visitors (filters: campaignId, creatorId, deliverableId, status)")
            .Produces<Page<ListedLink>>();
}
