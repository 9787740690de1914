namespace InfluenceCrm.Media.PublicQueries;

/// <summary>
/// A stored file as every answer shows it. <see cref="Url"/> is a path on this service: GET it with a key of the workspace
/// (the console shows the same file at /media/{id} with its sign-in cookie). <see cref="Sha256"/> is of the stored bytes: for an
/// image that carried a location, the bytes after the location was removed.
/// </summary>
public sealed record MediaFile(string Id, string Url, string ContentType, long Bytes, string Sha256, int? Width, int? Height, string? ThumbnailUrl)
{
    public static string UrlOf(string id) => $"/api/v1/media/{id}";

    /// <summary>Where the console shows the file (the same request, with the console's cookie instead of a key).</summary>
    public static string ConsoleUrlOf(string id) => $"/media/{id}";

    /// <summary>Where the creator's portal shows an image's thumbnail (the portal's cookie; the creator's own files only).</summary>
    public static string PortalThumbnailUrlOf(string creatorId, string id) =>
        Platform.WebConsole.PortalAccess.PathFor(creatorId, $"/media/{Uri.EscapeDataString(id)}/thumbnail");

    /// <summary>Whether a reference in a draft names a stored file (med_…) rather than an external URL.</summary>
    public static bool IsMediaId(string? reference) => reference is { Length: > 4 and <= 40 } && reference.StartsWith("med_", StringComparison.Ordinal);
}
