using System.Buffers.Binary;

namespace InfluenceCrm.Platform.Security;

/// <summary>An image's size in pixels as its header states it (PNG, JPEG, WebP), read without decoding the image.</summary>
public static class ImageHeaders
{
    /// <summary>Width and height, or null when the header cannot be found or says zero.</summary>
    public static (int Width, int Height)? Size(ReadOnlySpan<byte> bytes)
    {
        var size = ImageType(bytes) switch
        {
            "image/png" => Png(bytes),
            "image/jpeg" => Jpeg(bytes),
            "image/webp" => WebP(bytes),
            _ => null,
        };
        return size is { Width: > 0, Height: > 0 } ? size : null;
    }

    /// <summary>The image type its first bytes say, or null when it is not a PNG, JPEG or WebP.</summary>
    public static string? ImageType(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "image/webp",
        _ => null,
    };

    /// <summary>The first chunk is IHDR: width and height, 32 bits each, big-endian.</summary>
    private static (int Width, int Height)? Png(ReadOnlySpan<byte> b) =>
        b.Length >= 24 && b[12..16].SequenceEqual("IHDR"u8)
            ? (BinaryPrimitives.ReadInt32BigEndian(b[16..]), BinaryPrimitives.ReadInt32BigEndian(b[20..]))
            : null;

    /// <summary>The segments up to the first frame header (SOF0–SOF15, less DHT, JPG and DAC), which gives height then width.</summary>
    private static (int Width, int Height)? Jpeg(ReadOnlySpan<byte> b)
    {
        var i = 2;
        while (i + 1 < b.Length)
        {
            if (b[i] != 0xFF)
            {
                return null;
            }

            var marker = b[++i];
            i++;
            if (marker == 0xFF)
            {
                i--; // fill byte: the marker follows
                continue;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue; // no length
            }

            if (marker is 0xD9 or 0xDA || i + 2 > b.Length)
            {
                return null; // the image data (or its end) before any frame header
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(b[i..]);
            if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC))
            {
                return i + 7 <= b.Length ? (BinaryPrimitives.ReadUInt16BigEndian(b[(i + 5)..]), BinaryPrimitives.ReadUInt16BigEndian(b[(i + 3)..])) : null;
            }

            if (length < 2)
            {
                return null;
            }

            i += length;
        }

        return null;
    }

    /// <summary>
    /// The first chunk: VP8X (canvas size less one, 24 bits each), VP8L (14 bits each, less one) or VP8 (14 bits each,
    /// after the start code).
    /// </summary>
    private static (int Width, int Height)? WebP(ReadOnlySpan<byte> b)
    {
        if (b.Length < 30)
        {
            return null;
        }

        var chunk = b[12..16];
        if (chunk.SequenceEqual("VP8X"u8))
        {
            return (1 + (b[24] | b[25] << 8 | b[26] << 16), 1 + (b[27] | b[28] << 8 | b[29] << 16));
        }

        if (chunk.SequenceEqual("VP8L"u8) && b[20] == 0x2F)
        {
            return (1 + (b[21] | (b[22] & 0x3F) << 8), 1 + (b[22] >> 6 | b[23] << 2 | (b[24] & 0x0F) << 10));
        }

        return chunk.SequenceEqual("VP8 "u8) && b[23] == 0x9D && b[24] == 0x01 && b[25] == 0x2A
            ? (BinaryPrimitives.ReadUInt16LittleEndian(b[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(b[28..]) & 0x3FFF)
            : null;
    }
}
