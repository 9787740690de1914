using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.Processing;

namespace InfluenceCrm.Media;

/// <summary>The size of an image, its bytes without location (when they had one), and its thumbnail.</summary>
/// <param name="Stripped">The image written again without its location, in a temporary file the caller disposes; null when it had none
/// and the uploaded bytes are kept as they came.</param>
internal sealed record ProcessedImage(int Width, int Height, Stream? Stripped, byte[] Thumbnail);

/// <summary>
/// Images through SixLabors.ImageSharp (2.1, the Apache-2.0 line): their size, a thumbnail (WebP, at most 320 px a side, turned
/// upright), and their location removed: the EXIF GPS tags, and an XMP packet that names a GPS position (XMP repeats EXIF there).
/// Only an image that had a location is written again (in its own format, at its own JPEG quality); the others are stored
/// byte for byte. Orientation, camera and dates stay.
/// </summary>
internal static class ImageProcessing
{
    public const int ThumbnailSide = 320;

    /// <summary>Images are decoded whole to make their thumbnail: larger ones than this are refused rather than filling memory.</summary>
    public const long MaxPixels = 80_000_000;

    /// <summary>GPS tags are 0x0000–0x001F of the GPS IFD, which IFD0's tag 0x8825 points to.</summary>
    private static bool IsLocation(IExifValue value) => (ushort)value.Tag <= 0x001F || value.Tag == ExifTag.GPSIFDOffset;

    /// <exception cref="UnreadableImageException">The bytes start like an image but do not decode as one, or it is too large.</exception>
    public static async Task<ProcessedImage> ProcessAsync(Stream source, string contentType, string temporaryFolder, CancellationToken ct)
    {
        Image image;
        IImageFormat format;
        try
        {
            var info = await Image.IdentifyAsync(source, ct) ?? throw new UnreadableImageException("The file is not a readable image.");
            if ((long)info.Width * info.Height > MaxPixels)
            {
                throw new UnreadableImageException($"The image is {info.Width} × {info.Height} pixels; at most {MaxPixels / 1_000_000} megapixels are taken.");
            }

            source.Position = 0;
            // A GIF carries no EXIF, and may hold thousands of frames: only its first is decoded (for the thumbnail).
            if (contentType == "image/gif")
            {
                (image, format) = (await Image.LoadAsync(Configuration.Default, source, new GifDecoder { DecodingMode = FrameDecodingMode.First }, ct),
                    GifFormat.Instance);
            }
            else
            {
                (image, format) = await Image.LoadWithFormatAsync(source, ct);
            }
        }
        catch (Exception e) when (e is ImageFormatException or UnknownImageFormatException or NotSupportedException or InvalidDataException)
        {
            throw new UnreadableImageException("The file starts like an image but is not a readable one.");
        }

        using (image)
        {
            Stream? stripped = null;
            if (contentType != "image/gif" && RemoveLocation(image))
            {
                stripped = new FileStream(Path.Combine(temporaryFolder, Guid.NewGuid().ToString("N")), FileMode.CreateNew, FileAccess.ReadWrite,
                    FileShare.None, 81_920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
                await image.SaveAsync(stripped, Configuration.Default.ImageFormatsManager.FindEncoder(format), ct);
                stripped.Position = 0;
            }

            using var first = image.Frames.CloneFrame(0);
            first.Mutate(x => x.AutoOrient().Resize(new ResizeOptions { Size = new Size(ThumbnailSide, ThumbnailSide), Mode = ResizeMode.Max }));
            using var thumbnail = new MemoryStream();
            await first.SaveAsync(thumbnail, new WebpEncoder { FileFormat = WebpFileFormatType.Lossy, Quality = 80 }, ct);
            return new ProcessedImage(image.Width, image.Height, stripped, thumbnail.ToArray());
        }
    }

    /// <returns>Whether anything was removed.</returns>
    private static bool RemoveLocation(Image image)
    {
        var removed = false;
        foreach (var exif in image.Frames.Select(f => f.Metadata.ExifProfile).Prepend(image.Metadata.ExifProfile).OfType<ExifProfile>())
        {
            foreach (var tag in exif.Values.Where(IsLocation).Select(v => v.Tag).ToList())
            {
                removed |= exif.RemoveValue(tag);
            }
        }

        if (image.Metadata.XmpProfile?.ToByteArray() is { } xmp && Encoding.UTF8.GetString(xmp).Contains("GPS", StringComparison.Ordinal))
        {
            image.Metadata.XmpProfile = null;
            removed = true;
        }

        return removed;
    }
}

internal sealed class UnreadableImageException(string message) : Exception(message);
