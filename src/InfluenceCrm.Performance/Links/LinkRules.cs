using System.Net;
using System.Security.Cryptography;
using System.Web;

namespace InfluenceCrm.Performance.Links;

internal static class LinkRules
{
    public const string CodeAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string NewCode() => RandomNumberGenerator.GetString(CodeAlphabet, 8);

    /// <summary>Why a destination is refused, or null: http(s) only, no credentials, no loopback, private or link-local host.</summary>
    public static string? DestinationProblem(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "destination must be an absolute http or https URL.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "destination may not carry credentials (user:password@).";
        }

        if (TryAscii(url!) is not { } ascii || !ascii.All(ch => ch is >= '!' and <= '~'))
        {
            return "destination's host is not a valid domain name (an international name must convert to IDNA).";
        }

        var host = uri.IdnHost.TrimEnd('.').ToLowerInvariant();
        if (host is "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal) || host.EndsWith(".local", StringComparison.Ordinal)
            || host.EndsWith(".internal", StringComparison.Ordinal) || !host.Contains('.', StringComparison.Ordinal) && !IPAddress.TryParse(host, out _))
        {
            return "destination must be a public host, not a local or internal name.";
        }

        if (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && InfluenceCrm.Platform.Http.NetworkAddresses.IsPrivate(ip))
        {
            return "destination may not be a loopback, private or link-local address.";
        }

        return null;
    }

    /// <summary>The longest final destination (with its UTM parameters) a link may have: the column's size on both engines.</summary>
    public const int MaxDestinationLength = 2048;

    /// <summary>
    /// The URL as a Location header must carry it: the host in its ASCII (IDNA) form, everything else percent-encoded.
    /// A header value is ASCII; a Unicode host would be refused by the server at every redirect.
    /// </summary>
    public static string Ascii(string url)
    {
        var uri = new Uri(url, UriKind.Absolute);
        return new UriBuilder(uri) { Host = uri.IdnHost }.Uri.AbsoluteUri;
    }

    private static string? TryAscii(string url)
    {
        try
        {
            return Ascii(url);
        }
        catch (UriFormatException)
        {
            return null;
        }
    }

    /// <summary>Why the final destination cannot be stored, or null.</summary>
    public static string? FinalDestinationProblem(string finalUrl) => finalUrl.Length > MaxDestinationLength
        ? $"With its UTM parameters the destination is {finalUrl.Length} characters long; at most {MaxDestinationLength} are kept. Shorten it."
        : null;

    /// <summary>The destination with the UTM parameters added (in ASCII); parameters already there are kept (ours win only for utm_*).</summary>
    public static string WithUtm(string destination, string platform, string campaign, string content)
    {
        var given = new Uri(destination, UriKind.Absolute);
        var uri = new UriBuilder(given) { Host = given.IdnHost };
        var query = HttpUtility.ParseQueryString(uri.Query);
        query["utm_source"] = platform;
        query["utm_medium"] = "influencer";
        query["utm_campaign"] = campaign;
        query["utm_content"] = content;
        uri.Query = query.ToString();
        return uri.Uri.AbsoluteUri;
    }

    /// <summary>The campaign as utm_campaign shows it: its name lower-cased, accents dropped, other characters as dashes.</summary>
    public static string CampaignSlug(string name) =>
        string.Concat(InfluenceCrm.Platform.Http.Text.SearchKey(name).Select(ch => char.IsLetterOrDigit(ch) ? ch : '-')).Trim('-');

    /// <summary>Adds the click id for conversion attribution.</summary>
    public static string WithClickId(string destination, string clickId)
    {
        var separator = destination.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var hash = destination.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? $"{destination}{separator}icid={clickId}" : $"{destination[..hash]}{separator}icid={clickId}{destination[hash..]}";
    }

    // Crawlers and the link unfurlers of the big chat and social apps: flagged, never dropped.
    private static readonly string[] BotMarkers =
    [
        "bot", "crawler", "spider", "slurp", "facebookexternalhit", "facebot", "whatsapp", "skypeuripreview", "embedly", "iframely",
        "preview", "headless", "vkshare", "bitlybot", "quora link", "outbrain", "google-read-aloud", "yahoo! slurp",
        "python-requests", "curl/", "wget/", "go-http-client", "okhttp", "http_request", "linkedinbot", "discordbot", "slackbot", "twitterbot", "applebot",
    ];

    // One vectorised multi-string search per request instead of a scan per marker: this runs on every redirect.
    private static readonly System.Buffers.SearchValues<string> Bots = System.Buffers.SearchValues.Create(BotMarkers, StringComparison.OrdinalIgnoreCase);

    public static bool IsBot(string? userAgent) => string.IsNullOrWhiteSpace(userAgent) || userAgent.AsSpan().ContainsAny(Bots);
}
