using InfluenceCrm.Creators.PublicQueries;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Campaigns.Features;

/// <summary>Deliverables of open campaigns past their due date and not yet published, per campaign and per creator.</summary>
public static class ListOverdueDeliverables
{
    public const int MaxItems = 2000;

    public sealed record Request(DateOnly? AsOf) : IRequest<Response>;

    public sealed record Response(DateOnly AsOf, int Total, bool Truncated, IReadOnlyList<CampaignGroup> ByCampaign, IReadOnlyList<CreatorGroup> ByCreator);

    public sealed record CampaignGroup(string CampaignId, string CampaignName, int Count, IReadOnlyList<OverdueItem> Deliverables);

    public sealed record CreatorGroup(string CreatorId, string? CreatorName, int Count, IReadOnlyList<string> DeliverableIds);

    public sealed record OverdueItem(string Id, string CreatorId, string? CreatorName, string Platform, string Format, string Market, DateOnly DueOn, int DaysLate, string Status);

    /// <summary>Only the columns an item shows: up to 2,001 rows, and Today counts them on every visit.</summary>
    private const string Columns = """
        d.id AS Id, d.campaign_id AS CampaignId, d.creator_id AS CreatorId, d.platform AS Platform, d.format AS Format, d.market AS Market,
        d.due_on AS DueOn, d.status AS Status, c.name AS CampaignName
        """;

    public static readonly Sql Overdue = Sql.Per(
        sqlite: $"""
            SELECT {Columns}
            FROM campaign_deliverables d JOIN campaign_campaigns c ON c.id = d.campaign_id
            WHERE d.workspace_id = @WorkspaceId AND d.due_on < @AsOf AND d.status NOT IN ('published', 'verified', 'cancelled')
              AND c.status IN ('draft', 'planned', 'live')
            ORDER BY d.due_on, d.id LIMIT @Take
            """,
        sqlServer: $"""
            SELECT TOP (@Take) {Columns}
            FROM campaign_deliverables d JOIN campaign_campaigns c ON c.id = d.campaign_id
            WHERE d.workspace_id = @WorkspaceId AND d.due_on < @AsOf AND d.status NOT IN ('published', 'verified', 'cancelled')
              AND c.status IN ('draft', 'planned', 'live')
            ORDER BY d.due_on, d.id
            """);

    internal sealed class Handler(Db db, Caller caller, CampaignStore store, IMediator mediator) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            var asOf = request.AsOf ?? store.Today;
            List<CampaignStore.DeliverableRow> rows;
            await using (var c = await db.OpenAsync(cancellationToken))
            {
                rows = (await c.QueryAsync<CampaignStore.DeliverableRow>(Overdue, new { caller.WorkspaceId, AsOf = asOf, Take = MaxItems + 1 }, ct: cancellationToken)).ToList();
            }

            var truncated = rows.Count > MaxItems;
            rows = rows.Take(MaxItems).ToList();
            var creators = await mediator.Send(new GetCreatorSummaries.Request(rows.Select(r => r.CreatorId).ToList()), cancellationToken);
            var items = rows.Select(r => (Row: r, Item: new OverdueItem(r.Id, r.CreatorId, creators.GetValueOrDefault(r.CreatorId)?.DisplayName, r.Platform, r.Format,
                r.Market.Trim(), r.DueOn, asOf.DayNumber - r.DueOn.DayNumber, r.Status))).ToList();
            return new Response(asOf, items.Count, truncated,
                items.GroupBy(x => (x.Row.CampaignId, x.Row.CampaignName)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.CampaignId, StringComparer.Ordinal)
                    .Select(g => new CampaignGroup(g.Key.CampaignId, g.Key.CampaignName ?? "", g.Count(), g.Select(x => x.Item).ToList())).ToList(),
                items.GroupBy(x => x.Item.CreatorId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => new CreatorGroup(g.Key, g.First().Item.CreatorName, g.Count(), g.Select(x => x.Item.Id).ToList())).ToList());
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/overdue", async (DateOnly? asOf, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new Request(asOf), ct)))
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(ListOverdueDeliverables))
            .WithSummary("Deliverables past due and not published, per campaign and per creator (asOf defaults to today)")
            .Produces<Response>();
}
