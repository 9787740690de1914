using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace InfluenceCrm.Platform.Http;

/// <summary>
/// The address the public reaches this service at (PublicBaseUrl, e.g. https://go.brand.example): short links and
/// release-form links in answers are absolute URLs built from it, ready to paste into a post or a DM. Without it they are
/// absolute on the scheme and host the request came in on (X-Forwarded-Proto from a known proxy applied): a relative
/// "/r/abc" encoded in a QR code scans to nothing. Outside a request (the CLI, a background job) they stay relative.
/// </summary>
public sealed class PublicUrls
{
    private readonly string? baseUrl;
    private readonly IHttpContextAccessor? http;

    public PublicUrls(IConfiguration configuration, IHttpContextAccessor? http = null)
    {
        this.http = http;
        var configured = configuration["PublicBaseUrl"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return;
        }

        if (!Uri.TryCreate(configured, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw new InvalidOperationException($"PublicBaseUrl must be an absolute http(s) URL without query or fragment, not '{configured}'.");
        }

        baseUrl = uri.AbsoluteUri.TrimEnd('/');
    }

    /// <summary>The public URL of a path of ours ("/r/abc"): on PublicBaseUrl when set, else on the request's own scheme and host.</summary>
    public string For(string path) => (baseUrl ?? RequestBase()) is { } root ? root + path : path;

    private string? RequestBase() => http?.HttpContext?.Request is { Host.HasValue: true } request
        ? $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}"
        : null;
}
