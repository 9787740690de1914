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

/// <summary>draft → sent → (signed: POST /signature) → active → completed | terminated | expired; recorded in the audit log.</summary>
public static class ChangeContractStatus
{
    public sealed record Body(string? Status, string? Reason);

    public sealed record Request(string Id, string? Status, string? Reason, long? ExpectedVersion) : IRequest<ContractView>;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Status).Must(s => s is not null && ContractRules.Statuses.Contains(s) && s != "signed")
                .WithMessage($"status must be one of: {string.Join(", ", ContractRules.Statuses.Where(s => s != "signed"))} (sign with POST /signature).");
            RuleFor(r => r.Reason).MaximumLength(2000);
        }
    }

    private static readonly Dictionary<string, string> Announced = new()
    {
        ["sent"] = ContractEvents.ContractSent,
        ["terminated"] = ContractEvents.ContractTerminated,
    };

    internal sealed class Handler(Db db, Caller caller, ContractStore store, AuditLog audit, WebhookOutbox webhooks) : IRequestHandler<Request, ContractView>
    {
        public Task<ContractView> Handle(Request request, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var contract = await store.LoadAsync(c, caller.WorkspaceId, request.Id, tx, cancellationToken);
                ETags.Check(request.ExpectedVersion, contract.Version);
                var target = request.Status!;
                var allowed = ContractRules.Transitions[contract.Status];
                if (!allowed.Contains(target))
                {
                    throw new ConflictException(allowed.Length == 0
                        ? $"The contract is {contract.Status}; that is final."
                        : $"A contract cannot go from {contract.Status} to {target}; from {contract.Status}: {string.Join(", ", allowed)}.");
                }

                await store.SaveAsync(c, tx, caller.WorkspaceId, contract, contract.Title, target, contract.TermsVersion, contract.Terms.GoverningLaw,
                    contract.SignedDocument, cancellationToken);
                if (target is "draft" or "terminated" or "expired")
                {
                    // Back to draft, its terms may change in place; ended, it will not be signed: pending online signatures no longer count.
                    await ContractSignatures.InvalidatePendingAsync(c, tx, caller.WorkspaceId, contract.Id, contract.TermsVersion + 1, target, store.Now,
                        cancellationToken);
                }

                await audit.RecordAsync(c, tx, $"contract.{target}", "contract", contract.Id,
                    new { from = contract.Status, to = target, reasonGiven = !string.IsNullOrWhiteSpace(request.Reason) }, cancellationToken);
                var changed = await store.LoadAsync(c, caller.WorkspaceId, contract.Id, tx, cancellationToken);
                if (Announced.TryGetValue(target, out var eventType))
                {
                    await webhooks.PublishAsync(c, tx, eventType, changed, cancellationToken);
                }

                return changed;
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id}/status", async (string id, Body body, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var expected = ETags.RequiredVersion(http);
                var contract = await mediator.Send(new Request(id, body.Status, body.Reason, expected), ct);
                return ETags.Ok(http, contract, contract.Version);
            })
            .RequireAuthorization(Policies.Contracts)
            .WithName(nameof(ChangeContractStatus))
            .WithMetadata(ETags.Answered.Instance)
            .WithMetadata(ETags.IfMatchRequired.Instance)
            .WithSummary("Move a contract along its lifecycle (If-Match required; 409 names the allowed next statuses)")
            .Produces<ContractView>();
}
