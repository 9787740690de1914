using Microsoft.AspNetCore.Http;

namespace InfluenceCrm.Platform.Security;

/// <summary>Who is calling: the workspace every query is scoped to, and the key that acts (for the audit log).</summary>
public sealed class Caller(IHttpContextAccessor accessor)
{
    public string WorkspaceId => Claim(ApiKeyAuthentication.WorkspaceClaim);

    public string KeyId => Claim(ApiKeyAuthentication.KeyClaim);

    public string Role => Claim(System.Security.Claims.ClaimTypes.Role);

    /// <summary>The one campaign a calendar-feed secret is scoped to, if any.</summary>
    public string? FeedCampaignId => accessor.HttpContext?.User.FindFirst(ApiKeyAuthentication.FeedCampaignClaim)?.Value;

    /// <summary>
    /// The creator a portal request acts as (a /portal/c/{creatorId}/… page), else null. A handler a portal page sends checks what
    /// it reads or writes belongs to this creator.
    /// </summary>
    public string? PortalCreatorId => accessor.HttpContext?.User.FindFirst(WebConsole.PortalAccess.CreatorClaim)?.Value;

    private string Claim(string type) =>
        accessor.HttpContext?.User.FindFirst(type)?.Value
        ?? throw new InvalidOperationException("No authenticated caller: this code runs only behind authorization.");
}
