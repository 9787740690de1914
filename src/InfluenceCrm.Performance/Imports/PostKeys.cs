using System.Text.RegularExpressions;

namespace InfluenceCrm.Performance.Imports;

/// <summary>
/// What identifies a post across the ways it is written: a permalink with or without www, tracking parameters or a
/// trailing slash, a short link, or the platform's own id (an Instagram shortcode, a YouTube video id, a TikTok video id).
/// </summary>
internal static partial class PostKeys
{
    /// <summary>The keys of a URL, most specific first: the platform's post id when the URL carries one, then the URL itself.</summary>
    public static IReadOnlyList<string> OfUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return [];
        }

        var text = url.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            return [];
        }

        var host = uri.Host.ToLowerInvariant();
        host = host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host.StartsWith("m.", StringComparison.Ordinal) ? host[2..] : host;
        var path = uri.AbsolutePath.TrimEnd('/');
        var keys = new List<string>();
        if (host.EndsWith("instagram.com", StringComparison.Ordinal) && InstagramPost().Match(path) is { Success: true } ig)
        {
            keys.Add("instagram:" + ig.Groups[1].Value);
        }
        else if (host is "youtu.be" && path.Length > 1)
        {
            keys.Add("youtube:" + path[1..]);
        }
        else if (host.EndsWith("youtube.com", StringComparison.Ordinal))
        {
            var id = System.Web.HttpUtility.ParseQueryString(uri.Query)["v"] ?? (YouTubePath().Match(path) is { Success: true } yt ? yt.Groups[1].Value : null);
            if (id is not null)
            {
                keys.Add("youtube:" + id);
            }
        }
        else if (host.EndsWith("tiktok.com", StringComparison.Ordinal) && TikTokVideo().Match(path) is { Success: true } tt)
        {
            keys.Add("tiktok:" + tt.Groups[1].Value);
        }
        else if (host.EndsWith("facebook.com", StringComparison.Ordinal) || host == "fb.watch")
        {
            var id = System.Web.HttpUtility.ParseQueryString(uri.Query)["story_fbid"] ?? System.Web.HttpUtility.ParseQueryString(uri.Query)["v"]
                ?? (FacebookPath().Match(path) is { Success: true } fb ? fb.Groups[1].Value : null);
            if (id is not null)
            {
                keys.Add("facebook:" + id);
            }
        }

        keys.Add("url:" + host + path.ToLowerInvariant());
        return keys;
    }

    /// <summary>A YouTube video id as YouTube Studio's "Content" column holds it.</summary>
    public static string? YouTubeId(string? content) =>
        content is { Length: >= 6 and <= 20 } id && YouTubeIdShape().IsMatch(id) ? "youtube:" + id : null;

    [GeneratedRegex("^/(?:p|reel|reels|tv)/([A-Za-z0-9_-]+)")]
    private static partial Regex InstagramPost();

    [GeneratedRegex("^/(?:shorts|live|embed)/([A-Za-z0-9_-]+)")]
    private static partial Regex YouTubePath();

    [GeneratedRegex("/video/([0-9]+)")]
    private static partial Regex TikTokVideo();

    [GeneratedRegex("/(?:posts|videos|reel|permalink)/([A-Za-z0-9]+)")]
    private static partial Regex FacebookPath();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex YouTubeIdShape();
}
