using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Campaigns.Features;

/// <summary>
/// Where a campaign stands: deliverables by status, roster by status, and the fees committed against the budget.
/// Committed = confirmed members' fees; pending = invited or negotiating members' proposed fees. Fees in another currency
/// than the budget are listed apart, never converted.
/// </summary>
public static class GetCampaignSummary
{
    public sealed record Request(string CampaignId) : IRequest<Response>;

    public sealed record Response(
        string CampaignId, string Status, IReadOnlyDictionary<string, int> DeliverablesByStatus, IReadOnlyDictionary<string, int> RosterByStatus,
        Money? Budget, IReadOnlyList<FeeTotal> Fees, long? Remaining, bool OverBudget);

    public sealed record FeeTotal(string Currency, long Committed, long Pending, bool InBudgetCurrency);

    public static readonly Sql DeliverableCounts = Sql.Both("""
        SELECT status AS Status, COUNT(*) AS Count FROM campaign_deliverables
        WHERE workspace_id = @WorkspaceId AND campaign_id = @CampaignId GROUP BY status
        """);

    public static readonly Sql RosterTotals = Sql.Both("""
        SELECT status AS Status, fee_currency AS Currency, COUNT(*) AS Count, SUM(fee_amount) AS Amount FROM campaign_roster
        WHERE workspace_id = @WorkspaceId AND campaign_id = @CampaignId GROUP BY status, fee_currency
        """);

    private sealed class CountRow
    {
        public string Status { get; init; } = "";
        public string? Currency { get; init; }
        public long Count { get; init; }
        public long? Amount { get; init; }
    }

    internal sealed class Handler(Db db, Caller caller, CampaignStore store) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            var campaign = await store.LoadCampaignAsync(c, caller.WorkspaceId, request.CampaignId, ct: cancellationToken);
            var ids = new { caller.WorkspaceId, CampaignId = campaign.Id };
            var deliverables = (await c.QueryAsync<CountRow>(DeliverableCounts, ids, ct: cancellationToken)).ToDictionary(r => r.Status, r => (int)r.Count);
            var roster = (await c.QueryAsync<CountRow>(RosterTotals, ids, ct: cancellationToken)).ToList();

            var fees = roster.Where(r => r.Currency is not null && r.Status is "confirmed" or "invited" or "negotiating")
                .GroupBy(r => r.Currency!.Trim())
                .Select(g => new FeeTotal(g.Key,
                    g.Where(r => r.Status == "confirmed").Sum(r => r.Amount ?? 0),
                    g.Where(r => r.Status != "confirmed").Sum(r => r.Amount ?? 0),
                    g.Key == campaign.Budget?.Currency))
                .OrderBy(f => f.Currency, StringComparer.Ordinal).ToList();
            var committed = fees.Where(f => f.InBudgetCurrency).Sum(f => f.Committed);
            long? remaining = campaign.Budget?.Amount is { } budget ? budget - committed : null;
            return new Response(
                campaign.Id, campaign.Status,
                CampaignRules.DeliverableStatuses.ToDictionary(s => s, s => deliverables.GetValueOrDefault(s)),
                CampaignRules.RosterStatuses.ToDictionary(s => s, s => roster.Where(r => r.Status == s).Sum(r => (int)r.Count)),
                campaign.Budget, fees, remaining, remaining < 0);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/{id}/summary", async (string id, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new Request(id), ct)))
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(GetCampaignSummary))
            .WithSummary("Deliverables by status, roster by status, committed fees against budget")
            .Produces<Response>();
}
