using System.Text;

namespace InfluenceCrm.Media;

/// <summary>
/// What a file is, read from its first bytes (its magic number), never from its name or the type its sender declared:
/// JPEG, PNG, WebP, GIF, MP4, QuickTime (MOV), WebM and PDF. Anything else is refused.
/// </summary>
internal static class MediaTypes
{
    /// <summary>How many leading bytes <see cref="Recognise"/> needs to see.</summary>
    public const int HeaderLength = 64;

    public static readonly IReadOnlyList<string> Accepted =
        ["image/jpeg", "image/png", "image/webp", "image/gif", "video/mp4", "video/quicktime", "video/webm", "application/pdf"];

    public static bool IsImage(string contentType) => contentType.StartsWith("image/", StringComparison.Ordinal);

    /// <returns>The content type, or null when the bytes are none of the accepted kinds.</returns>
    public static string? Recognise(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        if (head.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            // The major brand says which: "qt  " is QuickTime; isom, mp41, mp42, avc1, iso2…, M4V, dash… are MP4.
            return head[8..12].SequenceEqual("qt  "u8) ? "video/quicktime" : IsMp4Brand(head[8..12]) ? "video/mp4" : null;
        }

        if (head.Length >= 8 && (head[4..8].SequenceEqual("moov"u8) || head[4..8].SequenceEqual("wide"u8) || head[4..8].SequenceEqual("mdat"u8)))
        {
            return "video/quicktime"; // QuickTime files older than the ftyp atom
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]) && head.IndexOf("webm"u8) > 0)
        {
            return "video/webm"; // EBML whose DocType is webm (plain Matroska is not taken)
        }

        return null;
    }

    private static bool IsMp4Brand(ReadOnlySpan<byte> brand)
    {
        var text = Encoding.ASCII.GetString(brand);
        return text is "isom" or "mp41" or "mp42" or "avc1" or "iso2" or "iso3" or "iso4" or "iso5" or "iso6" or "M4V " or "M4VP" or "dash" or "MSNV"
            or "mmp4" or "3gp4" or "3gp5" or "3g2a" or "f4v " or "XAVC" or "av01";
    }
}
