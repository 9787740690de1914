using System.Globalization;
using System.Security.Claims;
using InfluenceCrm.Console;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Platform.WebConsole;
using Microsoft.AspNetCore.Http;

namespace InfluenceCrm.Contracts;

/// <summary>
/// What a signature's evidence takes from the request itself, never from what the signer sends: the portal session's creator
/// and verified address, the signer's name as the session knows it, a keyed hash of the IP address (<see cref="IpHasher"/>'s
/// evidence key: not linkable to click hashes, and no address is kept) and the user agent; and the consent sentences.
/// </summary>
internal sealed class SignatureEvidence(IHttpContextAccessor accessor, IpHasher hasher)
{
    private ClaimsPrincipal? User => accessor.HttpContext?.User;

    /// <summary>The creator a portal request acts as, else null (an API key or a console member).</summary>
    public string? PortalCreatorId => User?.FindFirst(PortalAccess.CreatorClaim)?.Value;

    /// <summary>The address the portal session was opened for: proven by the mailed single-use link.</summary>
    public string? PortalEmail => User?.FindFirst(PortalAccess.EmailClaim)?.Value;

    /// <summary>The console member's display name (null for an API key, whose principal names no person).</summary>
    public string? MemberName => User?.FindFirst(ConsoleAccess.NameClaim)?.Value;

    public ValueTask<string> IpHashAsync(CancellationToken ct) => hasher.HashForEvidenceAsync(accessor.HttpContext?.Connection.RemoteIpAddress, ct);

    public string? UserAgent => accessor.HttpContext?.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent
        ? agent[..Math.Min(agent.Length, 512)] : null;

    /// <summary>The sentence the creator ticks before signing, in the page's language, naming the version and its PDF's SHA-256.</summary>
    public static string CreatorConsent(string language, int version, string sha256) =>
        ConsoleText.In(Culture(language))["ESign_CreatorConsent", version, sha256].Value;

    /// <summary>The sentence a brand's member ticks before countersigning.</summary>
    public static string BrandConsent(string language, int version, string sha256, string? brand) =>
        ConsoleText.In(Culture(language))["ESign_BrandConsent", version, sha256, brand ?? "—"].Value;

    private static CultureInfo Culture(string language) => CultureInfo.GetCultureInfo(language == "fr" ? "fr-FR" : "en-GB");
}
