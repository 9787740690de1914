using InfluenceCrm.Contracts.Features;
using InfluenceCrm.Platform.WebConsole;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Contracts.Pages.Portal;

/// <summary>A contract version's PDF in the creator's portal: the same request as the API's; the creator's own contracts only, once sent.</summary>
internal static class PortalContractPdf
{
    internal static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/portal/c/{creatorId}/contracts/{id}/versions/{version}/contract.pdf",
                async (string id, int version, HttpContext http, IMediator mediator, CancellationToken ct) =>
                    GetContractPdf.File(http, await mediator.Send(new GetContractPdf.Request(id, version), ct)))
            .RequireAuthorization(PortalAccess.CreatorPolicy).ExcludeFromDescription();
}
