using System.Security.Claims;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Http;

namespace InfluenceCrm.Platform.WebConsole;

/// <summary>
/// The creator's portal (<c>/portal/…</c>): a session of its own (the <see cref="Scheme"/> cookie, path /portal, opened by a mailed
/// single-use link), never a console member's. The session names a verified e-mail address; on each request it is matched
/// again to the creators with that address in the workspaces that invited them (<see cref="MyPortalIdentities"/>).
/// <para>
/// Writing a portal page: put it in its module's <c>Pages/Portal/</c> folder, <c>@layout PortalLayout</c>, route under
/// <c>/portal/c/{CreatorId}/…</c> and <c>[Authorize(Policy = PortalAccess.CreatorPolicy)]</c>. On such a path the session is
/// narrowed to that one creator (when it is one of the session's identities; otherwise the policy refuses): the principal then
/// carries the creator's workspace, the creator's id as actor and the role <see cref="Role"/>, so <see cref="Caller"/>
/// (WorkspaceId, KeyId, <see cref="Caller.PortalCreatorId"/>) works in handlers as for an API key. A handler a portal page sends
/// must itself check <see cref="Caller.PortalCreatorId"/> against what it reads or writes (a creator sees and changes only what is
/// theirs). Pages outside a creator (<c>/portal/home</c>) use <see cref="Policy"/> and <see cref="MyPortalIdentities"/>.
/// The language is the console's (culture cookie, <c>/console/culture?culture=fr&amp;back=…</c>); the sign-in link sets the
/// creator's own language.
/// </para>
/// </summary>
public static class PortalAccess
{
    public const string Scheme = "Portal";
    public const string CookieName = "influencecrm-portal";

    /// <summary>The verified address the session was opened for (normalised: trimmed, lower case).</summary>
    public const string EmailClaim = "portal_email";

    /// <summary>On a /portal/c/{creatorId}/… request: the creator the request acts as.</summary>
    public const string CreatorClaim = "portal_creator";

    /// <summary>The role of a narrowed portal principal: no API policy names it, so no endpoint of the API or the console accepts it.</summary>
    public const string Role = "creator";

    /// <summary>A signed-in portal session (any page of the portal).</summary>
    public const string Policy = "portal";

    /// <summary>A signed-in portal session acting as the creator its path names (/portal/c/{creatorId}/…).</summary>
    public const string CreatorPolicy = "portal-creator";

    public static bool IsPortalPath(PathString path) => path.StartsWithSegments("/portal");

    /// <summary>The creator a /portal/c/{creatorId}/… path names, if any.</summary>
    public static string? CreatorInPath(PathString path)
    {
        if (!path.StartsWithSegments("/portal/c", out var rest) || !rest.HasValue)
        {
            return null;
        }

        var segment = rest.Value!.TrimStart('/').Split('/', 2)[0];
        return segment.Length is > 0 and <= 40 ? segment : null;
    }

    /// <summary>A creator's page of the portal: <c>/portal/c/{creatorId}</c> + <paramref name="rest"/> ("/deliverables/…").</summary>
    public static string PathFor(string creatorId, string rest = "") => $"/portal/c/{Uri.EscapeDataString(creatorId)}{rest}";

    public static bool IsPortalUser(ClaimsPrincipal user) => user.FindFirst(EmailClaim) is not null;

    /// <summary>
    /// The session's principal: the verified address only (identities are looked up on each request). The address is also its
    /// name identifier, which antiforgery tokens are bound to: a form of a creator's page stays valid at /portal/sign-out.
    /// </summary>
    public static ClaimsPrincipal SessionPrincipal(string email) =>
        new(new ClaimsIdentity([new Claim(EmailClaim, email), new Claim(ClaimTypes.NameIdentifier, email), new Claim(ClaimTypes.Name, email)],
            Scheme, ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>The session narrowed to one creator: the same claims as an API key's (workspace, actor, role) plus the creator.</summary>
    public static ClaimsPrincipal CreatorPrincipal(string email, PortalIdentity identity) =>
        new(new ClaimsIdentity(
        [
            new Claim(EmailClaim, email), new Claim(ClaimTypes.NameIdentifier, email), new Claim(ClaimTypes.Name, identity.CreatorName),
            new Claim(ApiKeyAuthentication.WorkspaceClaim, identity.WorkspaceId), new Claim(ApiKeyAuthentication.KeyClaim, identity.CreatorId),
            new Claim(ClaimTypes.Role, Role), new Claim(CreatorClaim, identity.CreatorId),
        ], Scheme, ClaimTypes.Name, ClaimTypes.Role));
}

/// <summary>
/// The creators a portal session may act as: those whose address is the session's, in every workspace that invited them, each
/// under its workspace's name and logo. Answered by the Access module; the portal's layout and pages send it.
/// </summary>
public static class MyPortalIdentities
{
    /// <param name="Email">The session's verified address (<see cref="PortalAccess.EmailClaim"/>).</param>
    public sealed record Request(string Email) : IRequest<IReadOnlyList<PortalIdentity>>;
}

/// <param name="Language">The creator's language for the portal and its mails: "fr" or "en".</param>
/// <param name="LogoDataUri">The workspace's logo as a data: URI (the pages' CSP allows data: images only), or null.</param>
public sealed record PortalIdentity(string WorkspaceId, string WorkspaceName, string? LogoDataUri, string CreatorId, string CreatorName, string Language);
