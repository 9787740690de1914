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
            .AddPolicyScheme(AutoScheme, "API key or console cookie", options => options.ForwardDefaultSelector = context =>
                IsApi(context.Request) ? ApiKeyAuthentication.SchemeName : ConsoleAccess.Scheme)
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
            });
        AddSingleSignOn(services, configuration);
        return services;
    }

    /// <summary>
    /// Optional single sign-on with OpenID Connect (Entra ID, Google Workspace, Okta…): with Authentication:Oidc:Authority
    /// set, the sign-in page offers it. The provider's e-mail — verified, unless the operator says the provider only
    /// issues addresses it controls — must be a member's or have a pending invitation; the person is then signed in with
    /// the console cookie like any other. No one gets in by SSO who was not invited.
    /// </summary>
    private static void AddSingleSignOn(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Authentication:Oidc");
        if (string.IsNullOrWhiteSpace(section["Authority"]))
        {
            return;
        }

        services.AddAuthentication().AddCookie(SsoCookieScheme).AddOpenIdConnect(SsoScheme, section["DisplayName"] ?? "SSO", options =>
        {
            options.SignInScheme = SsoCookieScheme;
            options.Authority = section["Authority"];
            options.ClientId = section["ClientId"];
            options.ClientSecret = section["ClientSecret"];
            options.ResponseType = "code";
            options.UsePkce = true;
            options.RequireHttpsMetadata = section.GetValue("RequireHttpsMetadata", true); // false only for a provider on loopback (tests)
            options.CallbackPath = "/sign-in/sso/callback";
            options.Scope.Clear();
            foreach (var scope in new[] { "openid", "profile", "email" })
            {
                options.Scope.Add(scope);
            }

            var trustUnverified = section.GetValue("TrustUnverifiedEmail", false);
            options.Events.OnTokenValidated = async context =>
            {
                var claims = context.Principal!;
                var email = claims.FindFirstValue("email") ?? claims.FindFirstValue(ClaimTypes.Email);
                var verified = trustUnverified || string.Equals(claims.FindFirstValue("email_verified"), "true", StringComparison.OrdinalIgnoreCase);
                var people = context.HttpContext.RequestServices.GetRequiredService<People>();
                var person = email is null || !verified ? null : await people.FindOrAcceptInvitedAsync(email, claims.FindFirstValue("name"));
                var memberships = person is null ? [] : await people.MembershipsAsync(person.Id);
                context.HandleResponse();
                if (memberships.Count == 0)
                {
                    context.Response.Redirect("/sign-in?sso=refused");
                    return;
                }

                foreach (var m in memberships)
                {
                    await people.RecordAsync(m.WorkspaceId, person!.Id, "person.signed_in", "person", person.Id, new { method = "sso" });
                }

                var first = memberships[0];
                await context.HttpContext.SignInAsync(ConsoleAccess.Scheme, Principal(person!.Id, person.DisplayName, first.WorkspaceId, first.Role));
                context.Response.Redirect("/");
            };
        });
    }

    /// <summary>The API, the public pages and the machine endpoints use API keys; the console pages use the cookie.</summary>
    public static bool IsApi(HttpRequest request) => !ConsoleAccess.IsConsoleRequest(request);

    /// <summary>On every request: the person must still be a member of the workspace the cookie names (their role may have changed).</summary>
    private static async Task ValidateMembershipAsync(CookieValidatePrincipalContext context)
    {
        var person = context.Principal?.FindFirstValue(ConsoleAccess.PersonClaim);
        var workspace = context.Principal?.FindFirstValue(ApiKeyAuthentication.WorkspaceClaim);
        var people = context.HttpContext.RequestServices.GetRequiredService<People>();
        var role = person is null || workspace is null ? null : await people.RoleAsync(person, workspace);
        if (role is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(ConsoleAccess.Scheme);
            return;
        }

        if (!context.Principal!.IsInRole(role))
        {
            context.ReplacePrincipal(Principal(person!, context.Principal.FindFirstValue(ConsoleAccess.NameClaim) ?? "", workspace!, role));
            context.ShouldRenew = true;
        }
    }

    /// <summary>The console's principal carries the same claims as an API key's (workspace, actor, role), so handlers read it alike.</summary>
    public static ClaimsPrincipal Principal(string personId, string displayName, string workspaceId, string role) =>
        new(new ClaimsIdentity(
        [
            new Claim(ConsoleAccess.PersonClaim, personId), new Claim(ConsoleAccess.NameClaim, displayName),
            new Claim(ApiKeyAuthentication.WorkspaceClaim, workspaceId), new Claim(ApiKeyAuthentication.KeyClaim, personId),
            new Claim(ClaimTypes.Role, role), new Claim(ClaimTypes.Name, displayName),
        ], ConsoleAccess.Scheme, ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>Sign-out, the workspace switch and the single sign-on challenge: form posts and links of the console.</summary>
    public static IEndpointRouteBuilder MapAccessAuthentication(this IEndpointRouteBuilder app)
    {
        app.MapPost("/sign-out", async (HttpContext http) =>
        {
            await http.SignOutAsync(ConsoleAccess.Scheme);
            return Results.Redirect("/sign-in");
        }).RequireAuthorization().ExcludeFromDescription();
        app.MapPost("/console/workspace", async (HttpContext http, [Microsoft.AspNetCore.Mvc.FromForm] string workspaceId, IMediator mediator) =>
        {
            var membership = await mediator.Send(new SwitchWorkspace.Request(workspaceId));
            await http.SignInAsync(ConsoleAccess.Scheme, Principal(http.User.FindFirstValue(ConsoleAccess.PersonClaim)!,
                http.User.FindFirstValue(ConsoleAccess.NameClaim) ?? "", membership.WorkspaceId, membership.Role));
            return Results.Redirect("/");
        }).RequireAuthorization().ExcludeFromDescription();
        if (!string.IsNullOrWhiteSpace(app.ServiceProvider.GetRequiredService<IConfiguration>()["Authentication:Oidc:Authority"]))
        {
            app.MapGet("/sign-in/sso", () => Results.Challenge(new AuthenticationProperties { RedirectUri = "/" }, [SsoScheme]))
                .AllowAnonymous().ExcludeFromDescription();
        }

        return app;
    }
}
