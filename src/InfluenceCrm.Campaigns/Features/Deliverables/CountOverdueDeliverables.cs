using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Campaigns.Features;

/// <summary>
/// How many deliverables <see cref="ListOverdueDeliverables"/> lists, page after page: Today's count. One COUNT
/// over the overdue index (migration 0049: workspace, due date, status, campaign), instead of loading the list and its
/// creators' names on every visit.
/// </summary>
public static class CountOverdueDeliverables
{
    /// <param name="AtMost">Today's card: count no further than this (the count reads one index entry per overdue deliverable).</param>
    public sealed record Request(DateOnly? AsOf, int? AtMost = null) : IRequest<Response>;

    public sealed record Response(DateOnly AsOf, int Count);

    public static readonly Sql Count = Sql.Both("""
        SELECT COUNT(*)
        FROM campaign_deliverables d JOIN campaign_campaigns c ON c.id = d.campaign_id
        WHERE d.workspace_id = @WorkspaceId AND d.due_on < @AsOf AND d.status NOT IN ('published', 'verified', 'cancelled')
          AND c.status IN ('draft', 'planned', 'live')
        """);

    /// <summary>The count stopped at @AtMost: the first entries of the index range, never all of them.</summary>
    public static readonly Sql CountAtMost = Sql.Per(
        sqlite: """
            SELECT COUNT(*) FROM (
                SELECT 1
                FROM campaign_deliverables d JOIN campaign_campaigns c ON c.id = d.campaign_id
                WHERE d.workspace_id = @WorkspaceId AND d.due_on < @AsOf AND d.status NOT IN ('published', 'verified', 'cancelled')
                  AND c.status IN ('draft', 'planned', 'live')
                LIMIT @AtMost)
            """,
        sqlServer: """
            SELECT COUNT(*) FROM (
                SELECT TOP (@AtMost) d.id
                FROM campaign_deliverables d JOIN campaign_campaigns c ON c.id = d.campaign_id
                WHERE d.workspace_id = @WorkspaceId AND d.due_on < @AsOf AND d.status NOT IN ('published', 'verified', 'cancelled')
                  AND c.status IN ('draft', 'planned', 'live')) AS o
            """);

    internal sealed class Handler(Db db, Caller caller, CampaignStore store) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            var asOf = request.AsOf ?? store.Today;
            await using var c = await db.OpenAsync(cancellationToken);
            var count = request.AtMost is { } atMost
                ? await c.ExecuteScalarAsync<int>(CountAtMost, new { caller.WorkspaceId, AsOf = asOf, AtMost = atMost }, ct: cancellationToken)
                : await c.ExecuteScalarAsync<int>(Count, new { caller.WorkspaceId, AsOf = asOf }, ct: cancellationToken);
            return new Response(asOf, count);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/overdue/count", async (DateOnly? asOf, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new Request(asOf), ct)))
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(CountOverdueDeliverables))
            .WithSummary("How many deliverables are past due and not published (asOf defaults to today)")
            .Produces<Response>();
}
