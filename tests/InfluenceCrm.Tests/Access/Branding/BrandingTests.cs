using System.Buffers.Binary;
using FluentValidation;
using InfluenceCrm.Access;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Access.Branding;

/// <summary>The logo shown on the release form: a small image by its bytes and by its size in pixels.</summary>
public sealed class BrandingTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    /// <summary>A 1×1 PNG (the console test's).</summary>
    private static readonly byte[] SmallPng =
        Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    internal static byte[] Png(int width, int height)
    {
        var png = SmallPng.ToArray();
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        return png;
    }

    /// <summary>SOI, an APP0 (JFIF) segment, then a baseline frame header (SOF0) giving the size, and EOI.</summary>
    internal static byte[] Jpeg(int width, int height) =>
    [
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
        0xFF, 0xC0, 0x00, 0x0B, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 0x01, 0x01, 0x11, 0x00, 0xFF, 0xD9,
    ];

    /// <summary>An extended WebP (VP8X): canvas width and height minus one, 24 bits each, little-endian.</summary>
    internal static byte[] WebP(int width, int height)
    {
        var bytes = new byte[30];
        "RIFF"u8.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), bytes.Length - 8);
        "WEBPVP8X"u8.CopyTo(bytes.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), 10);
        bytes[24] = (byte)(width - 1);
        bytes[25] = (byte)((width - 1) >> 8);
        bytes[26] = (byte)((width - 1) >> 16);
        bytes[27] = (byte)(height - 1);
        bytes[28] = (byte)((height - 1) >> 8);
        bytes[29] = (byte)((height - 1) >> 16);
        return bytes;
    }

    /// <summary>A lossless (VP8L: 14 bits each, less one) or lossy (VP8: 14 bits each after the key frame's start code) WebP header.</summary>
    internal static byte[] WebPSimple(bool lossless, int width, int height)
    {
        var bytes = new byte[30];
        "RIFF"u8.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), bytes.Length - 8);
        (lossless ? "WEBPVP8L"u8 : "WEBPVP8 "u8).CopyTo(bytes.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), 10);
        if (lossless)
        {
            bytes[20] = 0x2F;
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(21), (width - 1) | (height - 1) << 14);
        }
        else
        {
            bytes[23] = 0x9D;
            bytes[24] = 0x01;
            bytes[25] = 0x2A;
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(26), (ushort)width);
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(28), (ushort)height);
        }

        return bytes;
    }

    [Fact]
    public void The_size_is_read_from_each_kind_of_header()
    {
        Assert.Equal((1, 1), ImageHeaders.Size(SmallPng)!.Value);
        Assert.Equal((800, 600), ImageHeaders.Size(Jpeg(800, 600))!.Value);
        Assert.Equal((5000, 3), ImageHeaders.Size(WebP(5000, 3))!.Value);
        Assert.Equal((16383, 2), ImageHeaders.Size(WebPSimple(lossless: true, 16383, 2))!.Value);
        Assert.Equal((300, 9000), ImageHeaders.Size(WebPSimple(lossless: false, 300, 9000))!.Value);
        Assert.Null(ImageHeaders.Size(Png(0, 10)));
        Assert.Null(ImageHeaders.Size(Jpeg(10, 10)[..22])); // cut inside the frame header
        Assert.Null(ImageHeaders.Size("GIF89a"u8));
    }

    public static TheoryData<string, byte[]> Huge => new()
    {
        { "png", Png(20_000, 20_000) },
        { "png, tall", Png(1, 1025) },
        { "jpeg", Jpeg(20_000, 20_000) },
        { "webp", WebP(20_000, 20_000) },
        { "png without its header", SmallPng[..12] },
    };

    [Theory]
    [MemberData(nameof(Huge))]
    public async Task An_image_over_1024_pixels_a_side_is_refused_and_the_logo_stays(string kind, byte[] logo)
    {
        var branding = api.Services.GetRequiredService<WorkspaceBranding>();
        await branding.SetLogoAsync(api.MainWorkspaceId, SmallPng);

        var refused = await Assert.ThrowsAsync<ValidationException>(() => branding.SetLogoAsync(api.MainWorkspaceId, logo));
        Assert.Contains("1024", refused.Errors.Single().ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(SmallPng, (await branding.GetAsync(api.MainWorkspaceId)).Logo);
        _ = kind;
    }

    [Fact]
    public async Task A_logo_within_1024_pixels_a_side_is_kept_in_each_format()
    {
        var branding = api.Services.GetRequiredService<WorkspaceBranding>();
        foreach (var logo in new[] { SmallPng, Png(1024, 300), Jpeg(1024, 1024), WebP(640, 480) })
        {
            await branding.SetLogoAsync(api.MainWorkspaceId, logo);
            Assert.Equal(logo, (await branding.GetAsync(api.MainWorkspaceId)).Logo);
        }
    }
}
