using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Creators.Features;

/// <summary>
/// A creator's invoicing details (legal name, postal address, VAT number or SIRET, IBAN), with the ETag a PUT names; a
/// creator without any answers empty fields and version 0. Personal data and money: admin, brand and legal, as contracts.
/// </summary>
public static class GetInvoicingDetails
{
    public sealed record Request(string CreatorId) : IRequest<InvoicingDetailsView>;

    internal sealed class Handler(Db db, Caller caller, CreatorStore store) : IRequestHandler<Request, InvoicingDetailsView>
    {
        public async Task<InvoicingDetailsView> Handle(Request request, CancellationToken cancellationToken)
        {
            PortalScope.Check(caller, request.CreatorId);
            await using var c = await db.OpenAsync(cancellationToken);
            var creator = await store.LoadRequiredAsync(c, caller.WorkspaceId, request.CreatorId, ct: cancellationToken);
            return await InvoicingDetails.LoadAsync(c, caller.WorkspaceId, creator.Id, null, cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/{id}/invoicing-details", async (string id, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var details = await mediator.Send(new Request(id), ct);
                return ETags.Ok(http, details, details.Version);
            })
            .RequireAuthorization(Policies.Contracts)
            .WithName(nameof(GetInvoicingDetails))
            .WithMetadata(ETags.Answered.Instance)
            .WithSummary("A creator's invoicing details: legal name, postal address, VAT number or SIRET, IBAN (admin, brand, legal)")
            .Produces<InvoicingDetailsView>();
}
