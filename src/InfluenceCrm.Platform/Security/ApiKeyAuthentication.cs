using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InfluenceCrm.Platform.Security;

/// <summary>
/// Marks an endpoint (a calendar feed) whose clients cannot send headers: a viewer key may come as <c>?key=</c>.
/// </summary>
public sealed class KeyInQueryAllowed
{
    public static readonly KeyInQueryAllowed Instance = new();
}

/// <summary><c>Authorization: Bearer icrm_…</c>. 401 and 403 answer as problem+json.</summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccessStore store,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string WorkspaceClaim = "workspace_id";
    public const string KeyClaim = "key_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        string token;
        var fromQuery = false;
        if (!string.IsNullOrEmpty(header))
        {
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                return AuthenticateResult.Fail("Use Authorization: Bearer <api key>.");
            }

            token = header["Bearer ".Length..].Trim();
        }
        else if (Context.GetEndpoint()?.Metadata.GetMetadata<KeyInQueryAllowed>() is not null && Request.Query["key"].ToString() is { Length: > 0 } queryKey)
        {
            token = queryKey;
            fromQuery = true;
        }
        else
        {
            return AuthenticateResult.NoResult();
        }

        var key = await store.AuthenticateAsync(token, Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        if (fromQuery && key.Role != Roles.Viewer)
        {
            // URLs end up in calendar apps, proxies and histories: only a read-only key may travel in one.
            return AuthenticateResult.Fail("Only a viewer key may be passed in a URL.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(WorkspaceClaim, key.WorkspaceId),
                new Claim(KeyClaim, key.Id),
                new Claim(ClaimTypes.Role, key.Role),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        WriteAsync(401, "Unauthorized", "A valid API key is required: Authorization: Bearer <api key>.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteAsync(403, "Forbidden", "Your API key's role may not do this; see the roles matrix in the README.");

    private async Task WriteAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        if (status == 401)
        {
            Response.Headers.WWWAuthenticate = "Bearer";
        }

        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
