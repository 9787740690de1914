using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace InfluenceCrm.Tests.Media.Storage;

/// <summary>
/// The media API on one storage provider, end to end: what is uploaded is stored (seen by the test in the folder or the bucket
/// itself), streamed back whole or by range to its workspace only, refused by kind or size with nothing stored, stripped of its
/// location, referenced by drafts and UGC assets, and deleted from storage with its creator. Run on both providers by the
/// subclasses at the end of this file.
/// </summary>
public abstract partial class MediaStorageTests<TFixture>(TFixture api) where TFixture : MediaFixture
{
    /// <summary>Whether storage holds the object, asked of the folder or the bucket directly (not through the app).</summary>
    protected abstract Task<bool> StoredAsync(string key);

    protected TFixture Api => api;

    private string KeyOf(string id) => $"{api.MainWorkspaceId}/{id}";

    internal static byte[] Png(int width = 40, int height = 30)
    {
        using var image = new Image<Rgba32>(width, height, new Rgba32(20, 120, 200));
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }

    internal static byte[] JpegWithLocation()
    {
        using var image = new Image<Rgb24>(64, 48, new Rgb24(200, 30, 30));
        image.Metadata.ExifProfile = new ExifProfile();
        image.Metadata.ExifProfile.SetValue(ExifTag.Make, "TestCam");
        image.Metadata.ExifProfile.SetValue(ExifTag.GPSLatitudeRef, "N");
        image.Metadata.ExifProfile.SetValue(ExifTag.GPSLatitude, [new Rational(48, 1), new Rational(51, 1), new Rational(24, 1)]);
        image.Metadata.ExifProfile.SetValue(ExifTag.GPSLongitudeRef, "E");
        image.Metadata.ExifProfile.SetValue(ExifTag.GPSLongitude, [new Rational(2, 1), new Rational(21, 1), new Rational(3, 1)]);
        using var stream = new MemoryStream();
        image.SaveAsJpeg(stream);
        return stream.ToArray();
    }

    /// <summary>An MP4's first box (ftyp, brand isom), then bytes a player would read as media data.</summary>
    internal static byte[] Mp4(int length = 200_000)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        byte[] head = [0, 0, 0, 0x18, .. "ftypisom"u8, 0, 0, 2, 0, .. "isomiso2"u8];
        head.CopyTo(bytes, 0);
        return bytes;
    }

    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] bytes, string contentType, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/media") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private async Task<long> RowCountAsync()
    {
        await using var c = await api.Db.OpenAsync();
        await using var command = c.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM media_files";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task An_uploaded_image_is_stored_and_streamed_back_to_its_workspace_only()
    {
        var png = Png();
        var body = await (await UploadAsync(api.Client(Roles.Integration), png, "application/octet-stream")).Expect(HttpStatusCode.Created);
        var id = (string)body["id"]!;
        Assert.StartsWith("med_", id, StringComparison.Ordinal);
        Assert.Equal($"/api/v1/media/{id}", (string)body["url"]!);
        Assert.Equal("image/png", (string)body["contentType"]!); // from the bytes: the declared type said octet-stream
        Assert.Equal(png.Length, (long)body["bytes"]!);
        Assert.Equal(Sha256(png), (string)body["sha256"]!);
        Assert.Equal(40, (int)body["width"]!);
        Assert.Equal(30, (int)body["height"]!);
        Assert.True(await StoredAsync(KeyOf(id)));

        foreach (var role in Roles.All)
        {
            using var read = await api.Client(role).GetAsync((string)body["url"]!);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal("image/png", read.Content.Headers.ContentType?.MediaType);
            Assert.Equal(png, await read.Content.ReadAsByteArrayAsync());
        }

        await (await api.OtherWorkspace().GetAsync((string)body["url"]!)).Expect(HttpStatusCode.NotFound);
        await (await api.OtherWorkspace().GetAsync((string)body["thumbnailUrl"]!)).Expect(HttpStatusCode.NotFound);
        using var thumbnail = await api.Client(Roles.Viewer).GetAsync((string)body["thumbnailUrl"]!);
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.Equal("image/webp", thumbnail.Content.Headers.ContentType?.MediaType);
        var thumb = Image.Identify(await thumbnail.Content.ReadAsByteArrayAsync());
        Assert.True(thumb.Width <= 320 && thumb.Height <= 320);
    }

    [Fact]
    public async Task A_video_sent_as_multipart_is_served_by_byte_ranges_with_its_etag()
    {
        var mp4 = Mp4();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(mp4), "file", "clip.bin" } };
        using var posted = await api.Client().PostAsync("/api/v1/media", form);
        var body = await posted.Expect(HttpStatusCode.Created);
        Assert.Equal("video/mp4", (string)body["contentType"]!);
        Assert.Null(body["width"]);
        Assert.Null(body["thumbnailUrl"]);
        var url = (string)body["url"]!;

        var ranged = new HttpRequestMessage(HttpMethod.Get, url);
        ranged.Headers.Range = new RangeHeaderValue(1000, 1999);
        using var partial = await api.Client().SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal($"bytes 1000-1999/{mp4.Length}", partial.Content.Headers.ContentRange?.ToString());
        Assert.Equal(mp4[1000..2000], await partial.Content.ReadAsByteArrayAsync());

        var tail = new HttpRequestMessage(HttpMethod.Get, url);
        tail.Headers.Range = new RangeHeaderValue(null, 500);
        using var last = await api.Client().SendAsync(tail);
        Assert.Equal(HttpStatusCode.PartialContent, last.StatusCode);
        Assert.Equal(mp4[^500..], await last.Content.ReadAsByteArrayAsync());

        var beyond = new HttpRequestMessage(HttpMethod.Get, url);
        beyond.Headers.Range = new RangeHeaderValue(mp4.Length + 10, null);
        using var unsatisfiable = await api.Client().SendAsync(beyond);
        await unsatisfiable.Expect(HttpStatusCode.RequestedRangeNotSatisfiable);

        using var whole = await api.Client().GetAsync(url);
        Assert.Equal("bytes", string.Join(",", whole.Headers.AcceptRanges));
        Assert.Equal($"\"{Sha256(mp4)}\"", whole.Headers.ETag?.ToString());
        var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(whole.Headers.ETag!);
        using var notModified = await api.Client().SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task A_file_of_another_kind_or_over_the_limit_is_refused_and_nothing_is_stored()
    {
        var before = await RowCountAsync();
        var text = "<html><script>alert(1)</script></html>"u8.ToArray();
        await (await UploadAsync(api.Client(), text, "image/png")).Expect(HttpStatusCode.UnsupportedMediaType);
        byte[] elf = [0x7F, .. "ELF"u8, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        await (await UploadAsync(api.Client(), elf, "video/mp4")).Expect(HttpStatusCode.UnsupportedMediaType);
        var tooLarge = Mp4((int)MediaFixture.MaxUploadBytes + 1);
        await (await UploadAsync(api.Client(), tooLarge, "video/mp4")).Expect(HttpStatusCode.RequestEntityTooLarge);
        // The same without a declared length: the server counts as it reads.
        var chunked = new HttpRequestMessage(HttpMethod.Post, "/api/v1/media") { Content = new StreamContent(new NoLengthStream(tooLarge)) };
        await (await api.Client().SendAsync(chunked)).Expect(HttpStatusCode.RequestEntityTooLarge);
        await (await UploadAsync(api.Client(), [], "image/png")).Expect(HttpStatusCode.BadRequest);
        await (await UploadAsync(api.Client(Roles.Viewer), Png(), "image/png")).Expect(HttpStatusCode.Forbidden);
        await (await UploadAsync(api.Client(Roles.Legal), Png(), "image/png")).Expect(HttpStatusCode.Forbidden);
        Assert.Equal(before, await RowCountAsync());
    }

    [Fact]
    public async Task The_location_of_a_photo_is_removed_and_its_sha256_is_of_the_bytes_kept()
    {
        var jpeg = JpegWithLocation();
        Assert.Contains(Image.Identify(jpeg).Metadata.ExifProfile!.Values, v => v.Tag == ExifTag.GPSLatitude); // the test's photo has one
        var body = await (await UploadAsync(api.Client(Roles.Brand), jpeg, "image/jpeg")).Expect(HttpStatusCode.Created);
        var stored = await (await api.Client().GetAsync((string)body["url"]!)).Content.ReadAsByteArrayAsync();

        Assert.NotEqual(Sha256(jpeg), (string)body["sha256"]!);
        Assert.Equal(Sha256(stored), (string)body["sha256"]!);
        Assert.Equal(stored.Length, (long)body["bytes"]!);
        var exif = Image.Identify(stored).Metadata.ExifProfile;
        Assert.NotNull(exif);
        Assert.DoesNotContain(exif.Values, v => (ushort)v.Tag <= 0x1F);
        Assert.Contains(exif.Values, v => v.Tag == ExifTag.Make && (string)v.GetValue()! == "TestCam"); // the rest of EXIF stays
        Assert.Equal(64, (int)body["width"]!);
    }

    [Fact]
    public async Task An_animated_gif_a_webp_and_a_pdf_are_recognised_by_their_bytes()
    {
        using var gif = new Image<Rgba32>(30, 20, new Rgba32(255, 0, 0));
        gif.Frames.AddFrame(new Image<Rgba32>(30, 20, new Rgba32(0, 255, 0)).Frames.RootFrame);
        using var gifBytes = new MemoryStream();
        gif.SaveAsGif(gifBytes);
        using var webp = new Image<Rgba32>(16, 16, new Rgba32(0, 0, 255));
        using var webpBytes = new MemoryStream();
        webp.SaveAsWebp(webpBytes);
        var pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();
        var files = new[] { (gifBytes.ToArray(), "image/gif", true), (webpBytes.ToArray(), "image/webp", true), (pdf, "application/pdf", false) };
        foreach (var (bytes, expected, thumbnail) in files)
        {
            var body = await (await UploadAsync(api.Client(), bytes, "text/plain")).Expect(HttpStatusCode.Created);
            Assert.Equal(expected, (string)body["contentType"]!);
            Assert.Equal(Sha256(bytes), (string)body["sha256"]!); // nothing to strip: stored byte for byte
            Assert.Equal(thumbnail, body["thumbnailUrl"] is not null);
        }
    }

    [Fact]
    public async Task An_upload_repeated_with_its_idempotency_key_is_stored_once()
    {
        var png = Png(12, 12);
        var key = Guid.NewGuid().ToString("N");
        var first = await (await UploadAsync(api.Client(), png, "image/png", key)).Expect(HttpStatusCode.Created);
        using var replayed = await UploadAsync(api.Client(), png, "image/png", key);
        Assert.Equal(HttpStatusCode.Created, replayed.StatusCode);
        Assert.Equal((string)first["id"]!, (string)(await replayed.Json())["id"]!);
        await (await UploadAsync(api.Client(), Png(13, 13), "image/png", key)).Expect(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task The_console_shows_a_stored_file_with_its_sign_in_cookie()
    {
        var png = Png();
        var url = (string)(await (await UploadAsync(api.Client(), png, "image/png")).Expect(HttpStatusCode.Created))["url"]!;
        var console = await ConsoleSession.SignedInAsync(api, $"viewer-{Guid.NewGuid():N}@example.com", Roles.Viewer);
        using var shown = await console.GetAsync(url.Replace("/api/v1", "", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal(png, await shown.Content.ReadAsByteArrayAsync());
        using var withoutKey = await api.Anonymous().GetAsync(url);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
    }

    /// <summary>A body whose length is not known in advance (sent chunked).</summary>
    private sealed class NoLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
