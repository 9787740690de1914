using FluentValidation;
using InfluenceCrm.Contracts.PublicQueries;
using InfluenceCrm.Platform;
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
/// The brand countersigns the version the creator signed online: a member with the contracts role (admin, brand, legal), in the
/// console or by API, with the evidence kept as for the creator (member or key, name, time, IP hash, user agent, the PDF's
/// SHA-256). Only the version the creator signed, with the same PDF, can be countersigned; then a sent contract becomes signed
/// (contract.signed webhook, its usage rights become grants, the PDF is the signed document by reference and hash), and an
/// amendment of a signed contract is signed by both. Refused (409) while compliance has errors or before the creator signed.
/// </summary>
public static class CountersignContract
{
    public sealed record Body(int? TermsVersion, string? PdfSha256, string? FullName, bool? Consent, string? Language);

    public sealed record Request(string Id, int TermsVersion, string? PdfSha256, string? FullName, bool Consent, long? ExpectedVersion, string Language = "en")
        : IRequest<ContractView>;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.FullName).NotEmpty().WithMessage("Name the person who countersigns (fullName).").MaximumLength(300);
            RuleFor(r => r.Consent).Equal(true).WithMessage("Consent to countersigning electronically (consent: true).");
            RuleFor(r => r.PdfSha256).NotEmpty().Matches("^[0-9a-f]{64}$").WithMessage("pdfSha256 is the SHA-256 of the version's PDF.");
            RuleFor(r => r.TermsVersion).GreaterThan(0).WithMessage("termsVersion is the version countersigned.");
            RuleFor(r => r.Language).Must(l => l is "fr" or "en").WithMessage("language is fr or en.");
        }
    }

    internal sealed class Handler(Db db, Caller caller, ContractStore store, AuditLog audit, WebhookOutbox webhooks, ContractChecks checks, IMediator mediator,
        SignatureEvidence evidence) : IRequestHandler<Request, ContractView>
    {
        public async Task<ContractView> Handle(Request request, CancellationToken cancellationToken)
        {
            ContractView preview;
            await using (var c = await db.OpenAsync(cancellationToken))
            {
                preview = await store.LoadAsync(c, caller.WorkspaceId, request.Id, ct: cancellationToken);
            }

            if (ContractSignatures.InForce(preview.Signatures, request.TermsVersion, ContractSignatures.Brand) is { } done && done.PdfSha256
                == request.PdfSha256)
            {
                return preview; // countersigned already: the same request sent again
            }

            await SigningRules.RefuseOnComplianceErrorsAsync(checks, preview, cancellationToken);
            var ipHash = await evidence.IpHashAsync(cancellationToken);
            return await db.InTransactionAsync(async (c, tx) =>
            {
                var contract = await store.LoadAsync(c, caller.WorkspaceId, request.Id, tx, cancellationToken);
                ETags.Check(request.ExpectedVersion, contract.Version);
                var pdf = await SigningRules.CheckSignableAsync(c, tx, caller.WorkspaceId, contract, request.TermsVersion, request.PdfSha256!,
                    cancellationToken);
                if (ContractSignatures.InForce(contract.Signatures, contract.TermsVersion, ContractSignatures.Creator) is not { } creator || creator.PdfSha256
                    != pdf.Sha256)
                {
                    throw new ConflictException($"The creator has not signed version {contract.TermsVersion} online yet: the brand countersigns after the " +
                        $"creator.");
                }

                var now = store.Now;
                await c.ExecuteAsync(ContractSignatures.Insert, new
                {
                    Id = Ids.New("sig"),
                    caller.WorkspaceId,
                    ContractId = contract.Id,
                    contract.TermsVersion,
                    Party = ContractSignatures.Brand,
                    SignerId = caller.KeyId,
                    PortalIdentity = (string?)null,
                    FullName = request.FullName!.Trim(),
                    Email = (string?)null,
                    ConsentText = SignatureEvidence.BrandConsent(request.Language, contract.TermsVersion, pdf.Sha256, contract.Terms.Brand?.LegalName),
                    PdfSha256 = pdf.Sha256,
                    IpHash = ipHash,
                    evidence.UserAgent,
                    SignedAt = now,
                }, tx, cancellationToken);

                await ContractSignatures.KeepSignedAsync(c, tx, caller.WorkspaceId, contract.Id, contract.TermsVersion, pdf, now, cancellationToken);
                var document = new SignedDocument(SigningRules.PdfPath(contract.Id, contract.TermsVersion), pdf.Sha256, now);
                var first = contract.Status == "sent";
                await store.SaveAsync(c, tx, caller.WorkspaceId, contract, contract.Title, first ? "signed" : contract.Status, contract.TermsVersion,
                    contract.Terms.GoverningLaw, document, cancellationToken);
                await audit.RecordAsync(c, tx, first ? "contract.signed" : "contract.amendment_signed", "contract", contract.Id,
                    new { termsVersion = contract.TermsVersion, sha256 = pdf.Sha256, online = true }, cancellationToken);
                var signed = await store.LoadAsync(c, caller.WorkspaceId, contract.Id, tx, cancellationToken);
                if (first)
                {
                    await mediator.Publish(ContractSigned.Of(caller.WorkspaceId, signed, document, c, tx), cancellationToken);
                    await webhooks.PublishAsync(c, tx, ContractEvents.ContractSigned, signed, cancellationToken);
                }

                return signed;
            }, cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id}/countersignature", async (string id, Body body, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var expected = ETags.RequiredVersion(http);
                var contract = await mediator.Send(new Request(id, body.TermsVersion ?? 0, body.PdfSha256, body.FullName, body.Consent == true, expected,
                    body.Language ?? "en"), ct);
                return ETags.Ok(http, contract, contract.Version);
            })
            .RequireAuthorization(Policies.Contracts)
            .WithName(nameof(CountersignContract))
            .WithMetadata(ETags.Answered.Instance)
            .WithMetadata(ETags.IfMatchRequired.Instance)
            .WithSummary("Countersign the version the creator signed online (its PDF's SHA-256; blocked by compliance errors); the contract becomes signed")
            .Produces<ContractView>();
}
