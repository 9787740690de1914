using InfluenceCrm.Console;
using InfluenceCrm.Contracts.Features;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Platform.WebConsole;
using MediatR;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Contracts.Pages;

/// <summary>
/// The draft editor's live compliance: the form as typed (not saved) checked by the same request as GET /api/v1/contracts/{id}/compliance,
/// answered as the panel's HTML for console.js to put beside the form. Without the script, saving shows the same panel.
/// </summary>
internal static class CompliancePreview
{
    public static string PathFor(string contractId) => $"/legal/contracts/{Uri.EscapeDataString(contractId)}/compliance-preview";

    internal static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/legal/contracts/{id}/compliance-preview", async (string id, HttpContext http, IAntiforgery antiforgery, IMediator mediator,
            CancellationToken ct) =>
        {
            ConsoleAccess.Demand(http.User, Policies.Contracts);
            if (!await FormReadAsync(http, ct) || !await antiforgery.IsRequestValidAsync(http))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request",
                    detail: "The form could not be read or its antiforgery token is missing or invalid: reload the page.");
            }

            var contract = await mediator.Send(new GetContract.Request(id), ct);
            var terms = TermsForm.Read(PostedForm.Of(http), contract.Terms); // a field that does not parse is left out here; saving names it
            var compliance = await mediator.Send(new GetContractCompliance.Request(id, terms), ct);
            IResult panel = new RazorComponentResult<CompliancePanel>(new { Compliance = compliance, HeadingId = "compliance-title" })
            {
                ContentType = "text/html; charset=utf-8",
            };
            return panel;
        }).RequireAuthorization().DisableAntiforgery().ExcludeFromDescription();

    /// <summary>Reads the posted form once (antiforgery and the terms use it then); false when the body is no form or a malformed one.</summary>
    private static async Task<bool> FormReadAsync(HttpContext http, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            return false;
        }

        try
        {
            await http.Request.ReadFormAsync(ct);
            return true;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException or InvalidOperationException
            or System.Text.DecoderFallbackException)
        {
            return false;
        }
    }
}
