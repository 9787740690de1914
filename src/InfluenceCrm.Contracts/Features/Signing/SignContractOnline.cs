using FluentValidation;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.Contracts.Features;

/// <summary>
/// The creator signs a version of their contract online, in the portal: a simple electronic signature (eIDAS art. 3(10); Code
/// civil 1366-1367) — the full name typed, the consent sentence ticked, and the evidence kept with the contract: the creator and
/// the portal session (its address was proven by the mailed link), the time, a keyed hash of the IP address, the user agent and
/// the SHA-256 of the PDF the creator read, which must be the current version's. The contract is signed once the brand
/// countersigns the same version (<see cref="CountersignContract"/>). Refused (409) while compliance has errors, when the
/// contract is not waiting for signatures, or when the PDF changed since it was read. Sent twice, it is recorded once.
/// Only a portal session acting as the contract's creator may send it: no API door (a brand cannot sign for a creator).
/// </summary>
public static class SignContractOnline
{
    /// <param name="Language">The language of the page the consent sentence was read in (fr, en).</param>
    public sealed record Request(string Id, int TermsVersion, string? PdfSha256, string? FullName, bool Consent,
        string Language = "en") : IRequest<ContractView>;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.FullName).NotEmpty().WithMessage("Type your full name to sign.").MaximumLength(300);
            RuleFor(r => r.Consent).Equal(true).WithMessage("Tick the sentence to consent to signing electronically.");
            RuleFor(r => r.PdfSha256).NotEmpty().Matches("^[0-9a-f]{64}$").WithMessage("pdfSha256 is the SHA-256 of the version's PDF.");
            RuleFor(r => r.TermsVersion).GreaterThan(0);
            RuleFor(r => r.Language).Must(l => l is "fr" or "en");
        }
    }

    internal sealed class Handler(Db db, Caller caller, ContractStore store, AuditLog audit, ContractChecks checks, SignatureEvidence evidence)
        : IRequestHandler<Request, ContractView>
    {
        public async Task<ContractView> Handle(Request request, CancellationToken cancellationToken)
        {
            var creatorId = evidence.PortalCreatorId ?? throw new ForbiddenException("Only the creator signs here, in the portal.");
            ContractView preview;
            await using (var c = await db.OpenAsync(cancellationToken))
            {
                preview = await store.LoadAsync(c, caller.WorkspaceId, request.Id, ct: cancellationToken);
            }

            if (preview.CreatorId != creatorId || preview.Status == "draft")
            {
                throw new NotFoundException("contract", request.Id);
            }

            if (ContractSignatures.InForce(preview.Signatures, request.TermsVersion, ContractSignatures.Creator) is { } mine && mine.PdfSha256
                == request.PdfSha256)
            {
                return preview; // the same signature sent again
            }

            await SigningRules.RefuseOnComplianceErrorsAsync(checks, preview, cancellationToken);
            var ipHash = await evidence.IpHashAsync(cancellationToken);
            try
            {
                return await db.InTransactionAsync(async (c, tx) =>
                {
                    var contract = await store.LoadAsync(c, caller.WorkspaceId, request.Id, tx, cancellationToken);
                    var pdf = await SigningRules.CheckSignableAsync(c, tx, caller.WorkspaceId, contract, request.TermsVersion, request.PdfSha256!,
                        cancellationToken);
                    var now = store.Now;
                    await c.ExecuteAsync(ContractSignatures.Insert, new
                    {
                        Id = Ids.New("sig"),
                        caller.WorkspaceId,
                        ContractId = contract.Id,
                        contract.TermsVersion,
                        Party = ContractSignatures.Creator,
                        SignerId = creatorId,
                        PortalIdentity = "portal:" + evidence.PortalEmail,
                        FullName = request.FullName!.Trim(),
                        Email = evidence.PortalEmail,
                        ConsentText = SignatureEvidence.CreatorConsent(request.Language, contract.TermsVersion, pdf.Sha256),
                        PdfSha256 = pdf.Sha256,
                        IpHash = ipHash,
                        evidence.UserAgent,
                        SignedAt = now,
                    }, tx, cancellationToken);
                    // The contract's version moves, so an ETag read before the signature no longer matches.
                    await store.SaveAsync(c, tx, caller.WorkspaceId, contract, contract.Title, contract.Status, contract.TermsVersion,
                        contract.Terms.GoverningLaw,
                        contract.SignedDocument, cancellationToken);
                    await audit.RecordAsync(c, tx, "contract.creator_signed", "contract", contract.Id,
                        new { termsVersion = contract.TermsVersion, sha256 = pdf.Sha256, creatorId }, cancellationToken);
                    return await store.LoadAsync(c, caller.WorkspaceId, contract.Id, tx, cancellationToken);
                }, cancellationToken);
            }
            catch (Exception e) when (DbErrors.IsUniqueViolation(e))
            {
                // Two tabs signed at once: the first one's signature stands; answer with it.
                await using var c = await db.OpenAsync(cancellationToken);
                return await store.LoadAsync(c, caller.WorkspaceId, request.Id, ct: cancellationToken);
            }
        }
    }
}
