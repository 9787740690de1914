using InfluenceCrm.Contracts.Features;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Platform.WebConsole;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Contracts.Pages;

/// <summary>A contract version's PDF from the console's contract page: the same request as GET /api/v1/contracts/{id}/versions/{n}/pdf.</summary>
internal static class ContractPdfDownload
{
    public static string PathFor(string contractId, int version) => $"/legal/contracts/{Uri.EscapeDataString(contractId)}/versions/{version}/contract.pdf";

    internal static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/legal/contracts/{id}/versions/{version}/contract.pdf",
            async (string id, int version, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            ConsoleAccess.Demand(http.User, Policies.Contracts);
            return GetContractPdf.File(http, await mediator.Send(new GetContractPdf.Request(id, version), ct));
        }).RequireAuthorization().ExcludeFromDescription();
}
