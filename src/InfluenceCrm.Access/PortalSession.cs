using System.Security.Claims;
using InfluenceCrm.Access.Features;
using InfluenceCrm.Platform.WebConsole;
using MediatR;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Access;

/// <summary>
/// The portal session on each request: its address must still be that of an invited creator (else the session ends), and on a
/// /portal/c/{creatorId}/… path it is narrowed to that creator when the address may act as them (<see cref="PortalAccess"/>).
/// </summary>
internal static class PortalSession
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var email = context.Principal?.FindFirstValue(PortalAccess.EmailClaim);
        var identities = email is null ? [] : await context.HttpContext.RequestServices.GetRequiredService<PortalLinks>()
            .IdentitiesAsync(email, context.HttpContext.RequestAborted);
        if (identities.Count == 0)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(PortalAccess.Scheme);
            return;
        }

        // The session's cookie stays the address alone (no ShouldRenew): the narrowed principal is this request's only.
        var creator = PortalAccess.CreatorInPath(context.HttpContext.Request.Path);
        if (creator is not null && identities.FirstOrDefault(i => i.CreatorId == creator) is { } identity)
        {
            context.ReplacePrincipal(PortalAccess.CreatorPrincipal(email!, identity));
        }
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        SignInToPortal.Map(app);
        app.MapPost("/portal/sign-out", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            if (!await AccessAuthentication.HasValidAntiforgeryTokenAsync(http, antiforgery))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The sign-out form's antiforgery token is missing or invalid.");
            }

            await http.SignOutAsync(PortalAccess.Scheme);
            return Results.Redirect("/portal?signed-out=1");
        }).AllowAnonymous().ExcludeFromDescription();
    }
}
