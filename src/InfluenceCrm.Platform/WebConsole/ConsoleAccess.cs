using System.Security.Claims;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using Microsoft.AspNetCore.Http;

namespace InfluenceCrm.Platform.WebConsole;

/// <summary>
/// What the signed-in person may do in the console: the API's policies (the same roles, the same matrix). A page shows a
/// control only when <see cref="Allows"/> says so, and refuses a forged form post with 403 (<see cref="Demand"/>).
/// </summary>
public static class ConsoleAccess
{
    public const string Scheme = "Console";
    public const string PersonClaim = "person_id";
    public const string NameClaim = "display_name";

    /// <summary>
    /// A console request: a page, a form post or a file of the console, answered to a person with the console cookie. The API,
    /// the public pages and the machine endpoints (and anything carrying an Authorization header) use API keys instead.
    /// </summary>
    public static bool IsConsoleRequest(HttpRequest request) =>
        request.Headers.Authorization.Count == 0 && !request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/r")
        && !request.Path.StartsWithSegments("/consent") && !request.Path.StartsWithSegments("/health") && !request.Path.StartsWithSegments("/openapi")
        && !request.Path.StartsWithSegments("/bench");

    public static bool Allows(ClaimsPrincipal user, string policy) =>
        Policies.RolesFor.TryGetValue(policy, out var roles) && roles.Any(user.IsInRole);

    /// <summary>
    /// A path on this site to send someone back to, else "/": never another host ("//evil.example", "/\\evil.example"). Printable
    /// ASCII only: browsers drop tabs and line breaks from a Location (<c>/\t/evil.example</c> becomes <c>//evil.example</c>, another
    /// origin), and a header cannot carry other characters (they were 500s).
    /// </summary>
    public static string LocalPath(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || url[1] is not ('/' or '\\'))
        && url.All(c => c is > ' ' and < '\u007f' and not '\\') && Uri.TryCreate(url, UriKind.Relative, out _) ? url : "/";

    public static void Demand(ClaimsPrincipal user, string policy)
    {
        if (!Allows(user, policy))
        {
            throw new ForbiddenException($"Your role in this workspace may not do this ({policy}).");
        }
    }
}
