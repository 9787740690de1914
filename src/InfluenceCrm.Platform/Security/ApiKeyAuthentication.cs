using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InfluenceCrm.Platform.Security;

/// <summary>
/// Marks an endpoint (the calendar feed) whose clients cannot send headers: a calendar-feed secret may come as
/// <c>?key=</c>. API keys never travel in URLs (they end up in calendar apps, proxies and histories).
/// </summary>
public sealed class KeyInQueryAllowed
{
    public static readonly KeyInQueryAllowed Instance = new();
}

/// <summary>What an API key or a calendar-feed secret opens: found by the Access module, which owns the keys and feeds.</summary>
public interface IApiCredentials
{
    /// <summary>The active API key matching the bearer token, or null.</summary>
    Task<ApiCredential?> AuthenticateKeyAsync(string plaintext, CancellationToken ct);

    /// <summary>The active calendar feed matching a secret from a subscription URL, or null.</summary>
    Task<ApiCredential?> AuthenticateFeedAsync(string plaintext, CancellationToken ct);
}

/// <summary>A key's (or a feed's) id, its workspace, its role, and the one campaign a feed may be scoped to.</summary>
public sealed record ApiCredential(string Id, string WorkspaceId, string Role, string? CampaignId = null);

/// <summary><c>Authorization: Bearer icrm_…</c>. 401 and 403 answer as problem+json.</summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IApiCredentials store,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string WorkspaceClaim = "workspace_id";
    public const string KeyClaim = "key_id";
    public const string FeedCampaignClaim = "feed_campaign_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        string token;
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
            return await AuthenticateFeedAsync(queryKey);
        }
        else
        {
            return AuthenticateResult.NoResult();
        }

        var key = await store.AuthenticateKeyAsync(token, Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
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

    /// <summary>A calendar-feed secret: the feed's workspace, the role that reads feeds and nothing else, and its campaign if scoped.</summary>
    private async Task<AuthenticateResult> AuthenticateFeedAsync(string secret)
    {
        var feed = await store.AuthenticateFeedAsync(secret, Context.RequestAborted);
        if (feed is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked calendar feed (API keys are not accepted in URLs).");
        }

        List<Claim> claims = [new(WorkspaceClaim, feed.WorkspaceId), new(KeyClaim, feed.Id), new(ClaimTypes.Role, Roles.CalendarFeed)];
        if (feed.CampaignId is not null)
        {
            claims.Add(new Claim(FeedCampaignClaim, feed.CampaignId));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
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
