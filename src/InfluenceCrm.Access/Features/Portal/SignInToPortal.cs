using InfluenceCrm.Platform.WebConsole;
using MediatR;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Access.Features;

/// <summary>
/// Uses a mailed sign-in link: the link's page (/portal/sign-in?token=…) posts it to /portal/session with a button, so a mail scanner that
/// opens links does not spend it. A link that is unknown, used or expired, or whose address may no longer act as any creator,
/// signs nobody in. The portal session is its own cookie (path /portal), in the language of the link.
/// </summary>
public static class SignInToPortal
{
    /// <param name="Email">The verified address, or null when the link signs nobody in.</param>
    public sealed record Response(string? Email, string Language);

    public sealed record Request(string? Token) : IRequest<Response>;

    internal sealed class Handler(PortalLinks portal) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            if (await portal.RedeemAsync(request.Token ?? "", cancellationToken) is not { } owner
                || (await portal.IdentitiesAsync(owner.Email, cancellationToken)).Count == 0)
            {
                return new Response(null, "fr");
            }

            return new Response(owner.Email, owner.Language);
        }
    }

    internal static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/portal/session", async (HttpContext http, IAntiforgery antiforgery, IMediator mediator) =>
        {
            if (!await AccessAuthentication.HasValidAntiforgeryTokenAsync(http, antiforgery))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The sign-in form's antiforgery token is missing or invalid.");
            }

            var answer = await mediator.Send(new Request(http.Request.Form["token"].ToString()), http.RequestAborted);
            if (answer.Email is null)
            {
                return Results.Redirect("/portal?link=invalid");
            }

            await http.SignInAsync(PortalAccess.Scheme, PortalAccess.SessionPrincipal(answer.Email));
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(answer.Language)),
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365) });
            return Results.Redirect("/portal/home");
        }).AllowAnonymous().ExcludeFromDescription();
}
