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

/// <summary>
/// Payment milestones of signed contracts: <c>state=due</c> (unpaid, due between from and to), <c>overdue</c> (unpaid,
/// due before today) or <c>paid</c> (paid between from and to); by creator or campaign; in due-date order, cursor paged.
/// </summary>
public static class ListPayments
{
    public static readonly string[] States = ["due", "overdue", "paid"];

    public sealed record Request : IRequest<Page<PaymentView>>
    {
        public string? State { get; init; }
        public DateOnly? From { get; init; }
        public DateOnly? To { get; init; }
        public string? CreatorId { get; init; }
        public string? CampaignId { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    public sealed record PaymentView(string MilestoneId, string ContractId, string ContractTitle, string CreatorId, string? CampaignId, string Label,
        Money Amount, DateOnly DueOn, DateTimeOffset? PaidAt, string? PaymentReference);

    public static readonly Sql Payments = Sql.Per(
        sqlite: $"SELECT {Columns} {Filters} ORDER BY m.due_on, m.id LIMIT @Take",
        sqlServer: $"SELECT TOP (@Take) {Columns} {Filters} ORDER BY m.due_on, m.id OPTION (RECOMPILE)");

    private const string Columns = """
        m.id AS MilestoneId, c.id AS ContractId, c.title AS ContractTitle, c.creator_id AS CreatorId, c.campaign_id AS CampaignId, m.label AS Label,
        m.amount AS Amount, m.currency AS Currency, m.due_on AS DueOn, m.paid_at AS PaidAt, m.payment_reference AS PaymentReference
        """;

    private const string Filters = """
        FROM contract_milestones m JOIN contract_contracts c ON c.id = m.contract_id
        WHERE m.workspace_id = @WorkspaceId AND c.status IN ('signed', 'active', 'completed', 'terminated', 'expired')
          AND (@CreatorId IS NULL OR c.creator_id = @CreatorId)
          AND (@CampaignId IS NULL OR c.campaign_id = @CampaignId)
          AND ((@State = 'due' AND m.paid_at IS NULL AND m.due_on >= @From AND m.due_on <= @To)
            OR (@State = 'overdue' AND m.paid_at IS NULL AND m.due_on < @Today)
            OR (@State = 'paid' AND m.paid_at IS NOT NULL AND m.paid_at >= @FromTime AND m.paid_at < @ToTime))
          AND (@AfterId IS NULL OR m.due_on > @After OR (m.due_on = @After AND m.id > @AfterId))
        """;

    private sealed class Row
    {
        public string MilestoneId { get; init; } = "";
        public string ContractId { get; init; } = "";
        public string ContractTitle { get; init; } = "";
        public string CreatorId { get; init; } = "";
        public string? CampaignId { get; init; }
        public string Label { get; init; } = "";
        public long Amount { get; init; }
        public string Currency { get; init; } = "";
        public DateOnly DueOn { get; init; }
        public DateTimeOffset? PaidAt { get; init; }
        public string? PaymentReference { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.State).Must(s => s is not null && States.Contains(s)).WithMessage($"state must be one of: {string.Join(", ", States)}.");
            RuleFor(r => r.From).NotNull().When(r => r.State is "due" or "paid").WithMessage("from is required for due and paid.");
            RuleFor(r => r.To).NotNull().GreaterThanOrEqualTo(r => r.From).When(r => r.State is "due" or "paid").WithMessage("to is required, on or after from.");
            RuleFor(r => r.Limit).InclusiveBetween(1, Cursor.MaxLimit);
        }
    }

    internal sealed class Handler(Db db, Caller caller, ContractStore store) : IRequestHandler<Request, Page<PaymentView>>
    {
        public async Task<Page<PaymentView>> Handle(Request request, CancellationToken cancellationToken)
        {
            const string sort = "dueOn";
            var limit = request.Limit ?? Cursor.DefaultLimit;
            var after = Cursor.Decode(request.Cursor, sort);
            await using var c = await db.OpenAsync(cancellationToken);
            var rows = (await c.QueryAsync<Row>(Payments, new
            {
                caller.WorkspaceId,
                request.CreatorId,
                request.CampaignId,
                request.State,
                request.From,
                request.To,
                store.Today,
                FromTime = request.From is { } f ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : (DateTimeOffset?)null,
                ToTime = request.To is { } t ? new DateTimeOffset(t.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : (DateTimeOffset?)null,
                After = after is null ? (DateOnly?)null : DateOnly.FromDateTime(Cursor.TimeOf(after).UtcDateTime),
                AfterId = after?.Id,
                Take = limit + 1,
            }, ct: cancellationToken)).ToList();
            var page = Cursor.ToPage(rows, limit, sort, r => (r.DueOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), r.MilestoneId));
            return new Page<PaymentView>(page.Items.Select(r => new PaymentView(r.MilestoneId, r.ContractId, r.ContractTitle, r.CreatorId, r.CampaignId, r.Label,
                new Money(r.Amount, r.Currency.Trim()), r.DueOn, r.PaidAt, r.PaymentReference)).ToList(), page.NextCursor);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/payments", async ([AsParameters] Request request, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(request, ct)))
            .RequireAuthorization(Policies.Contracts)
            .WithName(nameof(ListPayments))
            .WithSummary("Payment milestones due in a period, overdue, or paid in a period")
            .Produces<Page<PaymentView>>();
}
