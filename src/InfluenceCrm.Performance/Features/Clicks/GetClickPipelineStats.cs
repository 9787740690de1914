using InfluenceCrm.Performance.Clicks;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Performance.Features.Clicks;

/// <summary>
/// The caller's workspace's clicks: stored today (UTC) and in all, human ones, and those this instance could not store
/// since it started. The process-wide figures (every workspace's queue, overflow, pending) are the operator's: they are
/// the metrics of the "InfluenceCrm.Performance" meter, never an API answer.
/// </summary>
public static class GetClickPipelineStats
{
    public sealed record Request : IRequest<Response>;

    public sealed record Response(string WorkspaceId, string Day, long StoredToday, long HumanToday, long StoredInAll, long LostSinceStart);

    /// <summary>From the campaign-day rollups (written with the link-day ones), through their workspace index (migration 0029).</summary>
    public static readonly Sql Totals = Sql.Both("""
        SELECT COALESCE(SUM(CASE WHEN day = @Day THEN clicks ELSE 0 END), 0) AS StoredToday,
               COALESCE(SUM(CASE WHEN day = @Day THEN human_clicks ELSE 0 END), 0) AS HumanToday,
               COALESCE(SUM(clicks), 0) AS StoredInAll
        FROM perf_campaign_daily WHERE workspace_id = @WorkspaceId
        """);

    private sealed class TotalsRow
    {
        public long StoredToday { get; init; }
        public long HumanToday { get; init; }
        public long StoredInAll { get; init; }
    }

    internal sealed class Handler(Db db, Caller caller, ClickPipeline pipeline, TimeProvider clock) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            await using var c = await db.OpenAsync(cancellationToken);
            var totals = (await c.QuerySingleOrDefaultAsync<TotalsRow>(Totals, new { caller.WorkspaceId, Day = day }, ct: cancellationToken))!;
            return new Response(caller.WorkspaceId, day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), totals.StoredToday,
                totals.HumanToday,
                totals.StoredInAll, pipeline.LostFor(caller.WorkspaceId));
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/click-pipeline", async (IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new Request(), ct)))
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(GetClickPipelineStats))
            .WithSummary("Your workspace's clicks: stored today and in all, human, and lost since this instance started (admin)")
            .Produces<Response>();
}
