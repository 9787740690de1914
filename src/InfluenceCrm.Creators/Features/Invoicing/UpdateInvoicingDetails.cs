using FluentValidation;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Creators.Features;

/// <summary>
/// Records a creator's invoicing details, whole (PUT; If-Match with the ETag of the last read, "0" for the first). The IBAN
/// is checked by its ISO 13616 mod-97 key and its country's length, a SIRET by its Luhn key, a French VAT number by its key
/// and against the SIRET's SIREN when both are given. The audit log names the fields changed and the IBAN masked, never in clear.
/// </summary>
public static class UpdateInvoicingDetails
{
    public sealed record Body(string? LegalName, string? PostalAddress, string? VatNumber, string? Siret, string? Iban);

    public sealed record Request(string CreatorId, string? LegalName, string? PostalAddress, string? VatNumber, string? Siret, string? Iban,
        long? ExpectedVersion)
        : IRequest<InvoicingDetailsView>
    {
        internal string? CompactVat => Blank(VatNumber) is { } v ? InvoicingChecks.Compact(v) : null;
        internal string? CompactSiret => Blank(Siret) is { } s ? InvoicingChecks.Compact(s) : null;
        internal string? CompactIban => Blank(Iban) is { } i ? InvoicingChecks.Compact(i) : null;

        private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.LegalName).NotEmpty().MaximumLength(200).WithMessage("Give the legal name invoices are made out to (200 characters at most).");
            RuleFor(r => r.PostalAddress).NotEmpty().MaximumLength(500).WithMessage("Give the postal address invoices carry (500 characters at most).");
            RuleFor(r => r.CompactVat).Must(v => v is null || InvoicingChecks.VatProblem(v) is null)
                .WithMessage(r => InvoicingChecks.VatProblem(r.CompactVat!) ?? "").OverridePropertyName(nameof(Request.VatNumber));
            RuleFor(r => r.CompactSiret).Must(s => s is null || InvoicingChecks.IsSiret(s))
                .WithMessage("A SIRET is 14 digits whose Luhn key matches (e.g. 732 829 320 00074).").OverridePropertyName(nameof(Request.Siret));
            RuleFor(r => r.CompactIban).Must(i => i is null || InvoicingChecks.IbanProblem(i) is null)
                .WithMessage(r => InvoicingChecks.IbanProblem(r.CompactIban!) ?? "").OverridePropertyName(nameof(Request.Iban));
            RuleFor(r => r.CompactVat)
                .Must((r, vat) => vat is null || r.CompactSiret is null || !vat.StartsWith("FR", StringComparison.Ordinal) || vat.Length != 13
                    || !InvoicingChecks.IsSiret(r.CompactSiret) || vat[4..] == r.CompactSiret[..9])
                .WithMessage("The French VAT number and the SIRET name different companies (their SIRENs differ).")
                .OverridePropertyName(nameof(Request.VatNumber));
        }
    }

    internal sealed class Handler(Db db, Caller caller, CreatorStore store, AuditLog audit) : IRequestHandler<Request, InvoicingDetailsView>
    {
        public Task<InvoicingDetailsView> Handle(Request request, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                PortalScope.Check(caller, request.CreatorId);
                var creator = await store.LoadRequiredAsync(c, caller.WorkspaceId, request.CreatorId, tx, cancellationToken);
                if (creator.ErasedAt is not null)
                {
                    throw new ConflictException("This creator's personal data was erased; no invoicing details can be recorded.");
                }

                var ids = new { caller.WorkspaceId, CreatorId = creator.Id };
                var current = await c.QuerySingleOrDefaultAsync<long?>(InvoicingDetails.LoadForUpdate, ids, tx, cancellationToken) ?? 0;
                ETags.Check(request.ExpectedVersion, current);
                var before = await InvoicingDetails.LoadAsync(c, caller.WorkspaceId, creator.Id, tx, cancellationToken);
                var values = new
                {
                    caller.WorkspaceId,
                    CreatorId = creator.Id,
                    LegalName = request.LegalName!.Trim(),
                    PostalAddress = request.PostalAddress!.Trim(),
                    VatNumber = request.CompactVat,
                    Siret = request.CompactSiret,
                    Iban = request.CompactIban,
                    Version = current,
                    store.Now,
                };
                if (current == 0)
                {
                    await c.ExecuteAsync(InvoicingDetails.Insert, values, tx, cancellationToken);
                }
                else if (await c.ExecuteAsync(InvoicingDetails.Update, values, tx, cancellationToken) == 0)
                {
                    throw new PreconditionFailedException(ETags.For(current + 1));
                }

                var changed = new[]
                {
                    ("legalName", before.LegalName, values.LegalName), ("postalAddress", before.PostalAddress, values.PostalAddress),
                    ("vatNumber", before.VatNumber, values.VatNumber), ("siret", before.Siret, values.Siret), ("iban", before.Iban, values.Iban),
                }.Where(f => f.Item2 != f.Item3).Select(f => f.Item1).ToList();
                // Ids and field names only: the audit log never holds the account number (nor the name or address) in clear.
                await audit.RecordAsync(c, tx, "creator.invoicing_details_updated", "creator", creator.Id,
                    new { changed, iban = values.Iban is null ? null : InvoicingChecks.MaskIban(values.Iban) }, cancellationToken);
                return await InvoicingDetails.LoadAsync(c, caller.WorkspaceId, creator.Id, tx, cancellationToken);
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPut("/{id}/invoicing-details", async (string id, Body body, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var expected = ETags.RequiredVersion(http);
                var details = await mediator.Send(new Request(id, body.LegalName, body.PostalAddress, body.VatNumber, body.Siret, body.Iban, expected), ct);
                return ETags.Ok(http, details, details.Version);
            })
            .RequireAuthorization(Policies.Contracts)
            .WithName(nameof(UpdateInvoicingDetails))
            .WithMetadata(ETags.Answered.Instance)
            .WithMetadata(ETags.IfMatchRequired.Instance)
            .WithSummary("Record a creator's invoicing details (If-Match required; \"0\" for the first time)")
            .Produces<InvoicingDetailsView>();
}
