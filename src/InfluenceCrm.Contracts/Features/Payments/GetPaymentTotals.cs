using FluentValidation;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Contracts.Features;

/// <summary>Totals paid and still owed on signed contracts, per creator, campaign and currency (never summed across currencies).</summary>
public static class GetPaymentTotals
{
    public sealed record Request(string? CreatorId, string? CampaignId, int? Limit = null, string? Cursor = null) : IRequest<Response>;

    public sealed record Response(IReadOnlyList<Total> Items, string? NextCursor);

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator() => RuleFor(r => r.Limit).InclusiveBetween(1, Cursor.MaxLimit);
    }

    public sealed record Total(string CreatorId, string? CampaignId, string Currency, Money Paid, Money Owed);

    private const string TotalsText = """
        SELECT c.creator_id AS CreatorId, c.campaign_id AS CampaignId, m.currency AS Currency,
            SUM(CASE WHEN m.paid_at IS NULL THEN 0 ELSE m.amount END) AS Paid,
            SUM(CASE WHEN m.paid_at IS NULL THEN m.amount ELSE 0 END) AS Owed
        FROM contract_milestones m JOIN contract_contracts c ON c.id = m.contract_id
        WHERE m.workspace_id = @WorkspaceId AND c.status IN ('signed', 'active', 'completed', 'terminated', 'expired')
          AND (@CreatorId IS NULL OR c.creator_id = @CreatorId)
          AND (@CampaignId IS NULL OR c.campaign_id = @CampaignId)
        GROUP BY c.creator_id, c.campaign_id, m.currency
        ORDER BY c.creator_id, c.campaign_id, m.currency
        """;

    public static readonly Sql Totals = Sql.Per(sqlite: TotalsText, sqlServer: TotalsText + "\nOPTION (RECOMPILE)");

    private sealed class Row
    {
        public string CreatorId { get; init; } = "";
        public string? CampaignId { get; init; }
        public string Currency { get; init; } = "";
        public long Paid { get; init; }
        public long Owed { get; init; }
    }

    internal sealed class Handler(Db db, Caller caller) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            var rows = await c.QueryAsync<Row>(Totals, new { caller.WorkspaceId, request.CreatorId, request.CampaignId }, ct: cancellationToken);
            // One row per creator, campaign and currency: summed by the database, paged here (ordinal, as the cursor compares).
            var page = Cursor.InMemory(rows.Select(r => new Total(r.CreatorId, r.CampaignId, r.Currency.Trim(), new Money(r.Paid, r.Currency.Trim()), new Money(r.Owed, r.Currency.Trim()))),
                request.Limit ?? Cursor.DefaultLimit, request.Cursor, "creator,campaign,currency", t => (t.CreatorId, $"{t.CampaignId}/{t.Currency}"));
            return new Response(page.Items, page.NextCursor);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/payments/totals", async (string? creatorId, string? campaignId, int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new Request(creatorId, campaignId, limit, cursor), ct)))
            .RequireAuthorization(Policies.Contracts)
            .WithName(nameof(GetPaymentTotals))
            .WithSummary("Totals paid and owed per creator, campaign and currency; cursor paged")
            .Produces<Response>();
}
