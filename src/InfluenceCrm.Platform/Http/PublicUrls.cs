using Microsoft.Extensions.Configuration;

namespace InfluenceCrm.Platform.Http;

/// <summary>
/// The address the public reaches this service at (PublicBaseUrl, e.g. https://go.brand.example): short links and
/// release-form links in answers are absolute URLs built from it, ready to paste into a post or a DM. Without it they
/// stay relative to wherever the API was called.
/// </summary>
public sealed class PublicUrls
{
    private readonly string? baseUrl;

    public PublicUrls(IConfiguration configuration)
    {
        var configured = configuration["PublicBaseUrl"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return;
        }

        if (!Uri.TryCreate(configured, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw new InvalidOperationException($"PublicBaseUrl must be an absolute http(s) URL without query or fragment, not '{configured}'.");
        }

        baseUrl = uri.AbsoluteUri.TrimEnd('/');
    }

    /// <summary>The public URL of a path of ours ("/r/abc"): absolute when PublicBaseUrl is set.</summary>
    public string For(string path) => baseUrl is null ? path : baseUrl + path;
}
