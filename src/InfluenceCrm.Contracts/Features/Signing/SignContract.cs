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

/// <summary>
/// A sent contract becomes signed with the signed document attached by reference (URI) and SHA-256. A contract whose
/// compliance check has errors (missing mandatory clauses, a banned category, a minor without representatives) cannot be
/// signed: the 409 lists the findings.
/// </summary>
public static class SignContract
{
    public sealed record Body(string? DocumentUri, string? Sha256, DateTimeOffset? SignedAt);

    public sealed record Request(string Id, string? DocumentUri, string? Sha256, DateTimeOffset? SignedAt, long? ExpectedVersion) : IRequest<ContractView>;

    /// <summary>An http(s) address: pages link to it, so no javascript: or data: URI is ever stored.</summary>
    internal static bool IsDocumentLink(string? uri) => Uri.TryCreate(uri, UriKind.Absolute, out var u)
        && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp);

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(r => r.DocumentUri).NotEmpty().MaximumLength(2048)
                .Must(IsDocumentLink).WithMessage("documentUri must be the http(s) address of the signed document.");
            RuleFor(r => r.Sha256).NotEmpty().Matches("^[0-9a-f]{64}$").WithMessage("sha256 is the SHA-256 of the signed document: 64 lower-case hex digits.");
            RuleFor(r => r.SignedAt).NotNull().LessThanOrEqualTo(_ => clock.GetUtcNow().AddMinutes(5))
                .WithMessage("signedAt is required and not in the future.");
        }
    }

    internal sealed class Handler(Db db, Caller caller, ContractStore store, AuditLog audit, WebhookOutbox webhooks, ContractChecks checks,
        IMediator mediator) : IRequestHandler<Request, ContractView>
    {
        public async Task<ContractView> Handle(Request request, CancellationToken cancellationToken)
        {
            ContractView preview;
            await using (var c = await db.OpenAsync(cancellationToken))
            {
                preview = await store.LoadAsync(c, caller.WorkspaceId, request.Id, ct: cancellationToken);
            }

            var errors = (await checks.CheckAsync(preview, cancellationToken)).Findings.Where(f => f.Severity == "error").ToList();
            if (errors.Count > 0)
            {
                var conflict = new ConflictException($"The contract cannot be signed: {errors.Count} compliance error(s); see findings and GET /compliance.");
                conflict.Extensions["findings"] = errors;
                throw conflict;
            }

            return await db.InTransactionAsync(async (c, tx) =>
            {
                var contract = await store.LoadAsync(c, caller.WorkspaceId, request.Id, tx, cancellationToken);
                ETags.Check(request.ExpectedVersion, contract.Version);
                if (contract.Status != "sent")
                {
                    throw new ConflictException($"The contract is {contract.Status}; only a sent contract is signed.");
                }

                if (contract.Version != preview.Version)
                {
                    throw new PreconditionFailedException(ETags.For(contract.Version));
                }

                var document = new SignedDocument(request.DocumentUri!, request.Sha256!, request.SignedAt);
                await store.SaveAsync(c, tx, caller.WorkspaceId, contract, contract.Title, "signed", contract.TermsVersion, contract.Terms.GoverningLaw,
                    document, cancellationToken);
                await audit.RecordAsync(c, tx, "contract.signed", "contract", contract.Id,
                    new { termsVersion = contract.TermsVersion, sha256 = request.Sha256 }, cancellationToken);
                var signed = await store.LoadAsync(c, caller.WorkspaceId, contract.Id, tx, cancellationToken);
                await mediator.Publish(PublicQueries.ContractSigned.Of(caller.WorkspaceId, signed, document, c, tx), cancellationToken);
                await webhooks.PublishAsync(c, tx, ContractEvents.ContractSigned, signed, cancellationToken);
                return signed;
            }, cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id}/signature", async (string id, Body body, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var expected = ETags.RequiredVersion(http);
                var contract = await mediator.Send(new Request(id, body.DocumentUri, body.Sha256, body.SignedAt, expected), ct);
                return ETags.Ok(http, contract, contract.Version);
            })
            .RequireAuthorization(Policies.Contracts)
            .WithName(nameof(SignContract))
            .WithMetadata(ETags.Answered.Instance)
            .WithMetadata(ETags.IfMatchRequired.Instance)
            .WithSummary("Record the signature of a sent contract (document URI and SHA-256; blocked by compliance errors)")
            .Produces<ContractView>();
}
