using System.Security.Claims;
using InfluenceCrm.Access.Features;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Platform.WebConsole;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Access;

/// <summary>
/// Who is calling: requests to the API (and anything carrying an Authorization header) authenticate with API keys;
/// everything else — the console — with the console cookie, optionally obtained through single sign-on (OpenID Connect).
/// </summary>
public static class AccessAuthentication
{
    public const string AutoScheme = "Auto";
    public const string SsoScheme = "Sso";
    public const string SsoCookieScheme = "SsoCorrelation";

    public static IServiceCollection AddAccessAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = AutoScheme;
                options.DefaultChallengeScheme = AutoScheme;
                options.DefaultForbidScheme = AutoScheme;
            })
            .AddPolicyScheme(AutoScheme, "API key, console cookie or portal cookie", options => options.ForwardDefaultSelector = context =>
                IsApi(context.Request) ? ApiKeyAuthentication.SchemeName
                : PortalAccess.IsPortalPath(context.Request.Path) ? PortalAccess.Scheme : ConsoleAccess.Scheme)
            .AddCookie(ConsoleAccess.Scheme, options =>
            {
                options.Cookie.Name = "influencecrm";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // Secure behind https
                options.LoginPath = "/sign-in";
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.SlidingExpiration = true;
                options.Events.OnValidatePrincipal = ValidateMembershipAsync;
                // A forbidden console request is a 403 problem, not a redirect to an access-denied page.
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            })
            .AddCookie(PortalAccess.Scheme, options =>
            {
                // The portal's own session: sent to /portal only, so a console cookie never opens the portal nor this one the console.
                options.Cookie.Name = PortalAccess.CookieName;
                options.Cookie.Path = "/portal";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = "/portal";
                options.ExpireTimeSpan = TimeSpan.FromDays(7);
                options.SlidingExpiration = true;
                options.Events.OnValidatePrincipal = PortalSession.ValidateAsync;
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(PortalAccess.Policy, p => p.RequireAuthenticatedUser().RequireClaim(PortalAccess.EmailClaim))
            .AddPolicy(PortalAccess.CreatorPolicy, p => p.RequireAuthenticatedUser().RequireClaim(PortalAccess.EmailClaim)
                .RequireClaim(PortalAccess.CreatorClaim)
                .RequireRole(PortalAccess.Role));
        AddSingleSignOn(services, configuration);
        return services;
    }

    /// <summary>
    /// Optional single sign-on with OpenID Connect (Entra ID, Google Workspace, Okta…): with Authentication:Oidc:Authority
    /// set, the sign-in page offers it. The sign-in completes once the handler has run every protocol check (signature,
    /// issuer, audience, lifetime, nonce, state: <c>OnTicketReceived</c>), through <see cref="SignInWithSso"/>: people are
    /// found by (issuer, subject), a new identity needs a verified address and an invitation or the owner's own sign-in.
    /// Any failure of the provider's answer lands on the sign-in page with a message, never an error page.
    /// </summary>
    private static void AddSingleSignOn(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Authentication:Oidc");
        if (string.IsNullOrWhiteSpace(section["Authority"]))
        {
            return;
        }

        if (section["TrustUnverifiedEmail"] is not null)
        {
            throw new InvalidOperationException("Authentication:Oidc:TrustUnverifiedEmail was removed: an unverified e-mail claim (Entra ID lets tenant "
                + "admins set any address) must never match a person. Remove the setting; see the README's single sign-on section.");
        }

        services.AddAuthentication().AddCookie(SsoCookieScheme).AddOpenIdConnect(SsoScheme, section["DisplayName"] ?? "SSO", options =>
        {
            options.SignInScheme = SsoCookieScheme;
            options.Authority = section["Authority"];
            options.ClientId = section["ClientId"];
            options.ClientSecret = section["ClientSecret"];
            options.ResponseType = "code";
            options.UsePkce = true;
            options.MapInboundClaims = false; // the provider's own claim names: sub, email, email_verified, xms_edov
            options.RequireHttpsMetadata = section.GetValue("RequireHttpsMetadata", true); // false only for a provider on loopback (tests)
            options.CallbackPath = "/sign-in/sso/callback";
            options.Scope.Clear();
            foreach (var scope in new[] { "openid", "profile", "email" })
            {
                options.Scope.Add(scope);
            }

            options.Events.OnTicketReceived = CompleteSingleSignOnAsync;
            options.Events.OnRemoteFailure = context =>
            {
                context.HandleResponse();
                context.Response.Redirect("/sign-in?sso=failed");
                return Task.CompletedTask;
            };
        });
    }

    /// <summary>Runs after the handler validated the provider's answer: the person signs in, or the sign-in page says why not.</summary>
    private static async Task CompleteSingleSignOnAsync(TicketReceivedContext context)
    {
        context.HandleResponse(); // the console cookie is the session, not the handler's sign-in scheme
        var claims = context.Principal!;
        var subject = claims.FindFirst("sub");
        var http = context.HttpContext;
        var request = new SignInWithSso.Request(claims.FindFirstValue("iss") ?? subject?.Issuer ?? "", subject?.Value ?? "",
            claims.FindFirstValue("email"), EmailVerified(claims), claims.FindFirstValue("name"), http.Request.Cookies[SignInWithSso.PendingLinkCookie]);
        SignInWithSso.Response answer;
        try
        {
            answer = await http.RequestServices.GetRequiredService<IMediator>().Send(request, http.RequestAborted);
        }
        catch (FluentValidation.ValidationException)
        {
            http.Response.Redirect("/sign-in?sso=failed");
            return;
        }

        if (answer.Outcome == People.SsoOutcome.LinkRequired)
        {
            http.Response.Cookies.Append(SignInWithSso.PendingLinkCookie, answer.PendingLink!, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = http.Request.IsHttps,
                MaxAge = SsoLinks.Lifetime,
                Path = "/",
            });
            http.Response.Redirect("/sign-in?sso=link");
            return;
        }

        if (answer.Outcome != People.SsoOutcome.SignedIn)
        {
            http.Response.Redirect("/sign-in?sso=refused");
            return;
        }

        http.Response.Cookies.Delete(SignInWithSso.PendingLinkCookie);
        await http.SignInAsync(ConsoleAccess.Scheme, Principal(answer.PersonId!, answer.DisplayName!, answer.Workspace!.WorkspaceId, answer.Workspace.Role,
            answer.SessionId!));
        http.Response.Redirect("/");
    }

    /// <summary>
    /// The provider vouches for the address: <c>email_verified</c> (Google, Okta, most providers) or, for Entra ID, whose
    /// <c>email</c> claim a tenant's admin can set to anything, <c>xms_edov</c> (the address's domain verified by its tenant).
    /// </summary>
    private static bool EmailVerified(ClaimsPrincipal claims) =>
        IsTrue(claims.FindFirstValue("email_verified")) || IsTrue(claims.FindFirstValue("xms_edov"));

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || value == "1";

    /// <summary>The API, the public pages and the machine endpoints use API keys; the console pages use the cookie.</summary>
    public static bool IsApi(HttpRequest request) => !ConsoleAccess.IsConsoleRequest(request);

    /// <summary>
    /// On every request, in one query: the session the cookie names is still open on the server (not signed out, not ended by
    /// a password change or reset or "sign out everywhere") and the person is still a member of its workspace (their role
    /// may have changed). A cookie from before server-side sessions names none and ends too.
    /// </summary>
    private static async Task ValidateMembershipAsync(CookieValidatePrincipalContext context)
    {
        var person = context.Principal?.FindFirstValue(ConsoleAccess.PersonClaim);
        var workspace = context.Principal?.FindFirstValue(ApiKeyAuthentication.WorkspaceClaim);
        var session = context.Principal?.FindFirstValue(Sessions.Claim);
        var sessions = context.HttpContext.RequestServices.GetRequiredService<Sessions>();
        var role = person is null || workspace is null || session is null ? null : await sessions.RoleAsync(session, person, workspace);
        if (role is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(ConsoleAccess.Scheme);
            return;
        }

        if (!context.Principal!.IsInRole(role))
        {
            context.ReplacePrincipal(Principal(person!, context.Principal.FindFirstValue(ConsoleAccess.NameClaim) ?? "", workspace!, role, session!));
            context.ShouldRenew = true;
        }
    }

    /// <summary>The console's principal carries the same claims as an API key's (workspace, actor, role), so handlers read it alike.</summary>
    public static ClaimsPrincipal Principal(string personId, string displayName, string workspaceId, string role, string sessionId) =>
        new(new ClaimsIdentity(
        [
            new Claim(ConsoleAccess.PersonClaim, personId), new Claim(ConsoleAccess.NameClaim, displayName), new Claim(Sessions.Claim, sessionId),
            new Claim(ApiKeyAuthentication.WorkspaceClaim, workspaceId), new Claim(ApiKeyAuthentication.KeyClaim, personId),
            new Claim(ClaimTypes.Role, role), new Claim(ClaimTypes.Name, displayName),
        ], ConsoleAccess.Scheme, ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>Sign-out, the workspace switch and the single sign-on challenge: form posts and links of the console.</summary>
    public static IEndpointRouteBuilder MapAccessAuthentication(this IEndpointRouteBuilder app)
    {
        app.MapPost("/sign-out", async (HttpContext http, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery, IMediator mediator) =>
        {
            if (!await HasValidAntiforgeryTokenAsync(http, antiforgery))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The sign-out form's antiforgery token is missing or invalid.");
            }

            await mediator.Send(new SignOut.Request(http.User.FindFirstValue(Sessions.Claim)));
            await http.SignOutAsync(ConsoleAccess.Scheme);
            return Results.Redirect("/sign-in");
        }).RequireAuthorization().ExcludeFromDescription();
        app.MapPost("/console/workspace", async (HttpContext http, [Microsoft.AspNetCore.Mvc.FromForm] string workspaceId, IMediator mediator) =>
        {
            var membership = await mediator.Send(new SwitchWorkspace.Request(workspaceId));
            await http.SignInAsync(ConsoleAccess.Scheme, Principal(http.User.FindFirstValue(ConsoleAccess.PersonClaim)!,
                http.User.FindFirstValue(ConsoleAccess.NameClaim) ?? "", membership.WorkspaceId, membership.Role, http.User.FindFirstValue(Sessions.Claim)!));
            return Results.Redirect("/");
        }).RequireAuthorization().ExcludeFromDescription();
        PortalSession.Map(app);
        if (!string.IsNullOrWhiteSpace(app.ServiceProvider.GetRequiredService<IConfiguration>()["Authentication:Oidc:Authority"]))
        {
            app.MapGet("/sign-in/sso", () => Results.Challenge(new AuthenticationProperties { RedirectUri = "/" }, [SsoScheme]))
                .AllowAnonymous().ExcludeFromDescription();
        }

        return app;
    }

    /// <summary>The form's token checked; a body that is no readable form (a malformed multipart, say) is no token either, not a 500.</summary>
    internal static async Task<bool> HasValidAntiforgeryTokenAsync(HttpContext http, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery)
    {
        try
        {
            return await antiforgery.IsRequestValidAsync(http);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return false;
        }
    }
}
