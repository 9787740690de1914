using FluentValidation;
using InfluenceCrm.Contracts.PublicQueries;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Platform.Webhooks;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Contracts.Features;

/// <summary>Marks a milestone paid (once; a retry with the same reference answers the same). Recorded in the audit log.</summary>
public static class RecordMilestonePayment
{
    public sealed record Body(DateTimeOffset? PaidAt, string? Reference);

    public sealed record Request(string ContractId, string MilestoneId, DateTimeOffset? PaidAt, string? Reference) : IRequest<ContractView>;

    public static readonly Sql MarkPaid = Sql.Both("""
        UPDATE contract_milestones SET paid_at = @PaidAt, payment_reference = @Reference
        WHERE id = @Id AND contract_id = @ContractId AND workspace_id = @WorkspaceId AND paid_at IS NULL
        """);

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(r => r.PaidAt).NotNull().LessThanOrEqualTo(_ => clock.GetUtcNow().AddMinutes(5)).WithMessage("paidAt is required and not in the future.");
            RuleFor(r => r.Reference).NotEmpty().MaximumLength(200).WithMessage("reference (the bank or accounting reference) is required.");
        }
    }

    internal sealed class Handler(Db db, Caller caller, ContractStore store, AuditLog audit, WebhookOutbox webhooks) : IRequestHandler<Request, ContractView>
    {
        public Task<ContractView> Handle(Request request, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var contract = await store.LoadAsync(c, caller.WorkspaceId, request.ContractId, tx, cancellationToken);
                var milestone = contract.Milestones.SingleOrDefault(m => m.Id == request.MilestoneId) ?? throw new NotFoundException("milestone", request.MilestoneId);
                if (milestone.PaidAt is not null)
                {
                    return milestone.PaymentReference == request.Reference
                        ? contract
                        : throw new ConflictException($"This milestone was paid on {milestone.PaidAt:yyyy-MM-dd} (reference {milestone.PaymentReference}).");
                }

                if (contract.Status is not ("signed" or "active" or "completed" or "terminated"))
                {
                    throw new ConflictException($"The contract is {contract.Status}; payments are recorded once it is signed.");
                }

                await c.ExecuteAsync(MarkPaid, new { Id = milestone.Id, ContractId = contract.Id, caller.WorkspaceId, request.PaidAt, request.Reference }, tx, cancellationToken);
                await audit.RecordAsync(c, tx, "contract.milestone_paid", "contract", contract.Id,
                    new { milestoneId = milestone.Id, amount = milestone.Amount.Amount, currency = milestone.Amount.Currency }, cancellationToken);
                var paid = await store.LoadAsync(c, caller.WorkspaceId, contract.Id, tx, cancellationToken);
                await webhooks.PublishAsync(c, tx, ContractEvents.PaymentPaid,
                    new { contractId = paid.Id, paid.CreatorId, paid.CampaignId, milestone = paid.Milestones.Single(m => m.Id == milestone.Id) }, cancellationToken);
                return paid;
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id}/milestones/{milestoneId}/payment", async (string id, string milestoneId, Body body, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var contract = await mediator.Send(new Request(id, milestoneId, body.PaidAt, body.Reference), ct);
                return ETags.Ok(http, contract, contract.Version);
            })
            .RequireAuthorization(Policies.Contracts)
            .WithName(nameof(RecordMilestonePayment))
            .WithMetadata(ETags.Answered.Instance)
            .WithSummary("Record the payment of a milestone")
            .Produces<ContractView>();
}
