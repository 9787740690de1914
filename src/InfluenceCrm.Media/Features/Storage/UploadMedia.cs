using System.Security.Cryptography;
using InfluenceCrm.Media.PublicQueries;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Platform.Storage;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace InfluenceCrm.Media.Features;

/// <summary>
/// Stores a file: the raw body (any Content-Type) or the first file of a multipart/form-data body. The bytes go to a temporary
/// file as they arrive (never whole in memory), counted against Storage:MaxUploadBytes and hashed; their kind is read from
/// their first bytes; an image gets its size, its thumbnail and its location removed; then the file goes to storage and its row
/// is written. Over the limit: 413, of another kind: 415, and nothing is stored.
/// </summary>
public static class UploadMedia
{
    public sealed record Request(Stream Content) : IRequest<MediaFile>;

    internal sealed class Handler(Db db, Caller caller, IMediaStorage storage, StorageSettings settings, TimeProvider clock)
        : IRequestHandler<Request, MediaFile>
    {
        private static readonly string TemporaryFolder = Path.Combine(Path.GetTempPath(), "influencecrm-media");

        public async Task<MediaFile> Handle(Request request, CancellationToken cancellationToken)
        {
            Directory.CreateDirectory(TemporaryFolder);
            await using var received = new FileStream(Path.Combine(TemporaryFolder, Guid.NewGuid().ToString("N")), FileMode.CreateNew, FileAccess.ReadWrite,
                FileShare.None, 81_920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            var (length, sha256) = await CopyCountedAsync(request.Content, received, cancellationToken);
            if (length == 0)
            {
                throw new BadRequestException("The body is empty: send the file's bytes, or a multipart/form-data body with a file.");
            }

            received.Position = 0;
            var head = new byte[MediaTypes.HeaderLength];
            var headLength = await received.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
            var contentType = MediaTypes.Recognise(head.AsSpan(0, headLength)) ?? throw new UnsupportedMediaTypeException(
                $"The file is none of the kinds taken ({string.Join(", ", MediaTypes.Accepted)}), judged by its bytes, not its name or declared type.");
            received.Position = 0;

            ProcessedImage? image = null;
            if (MediaTypes.IsImage(contentType))
            {
                try
                {
                    image = await ImageProcessing.ProcessAsync(received, contentType, TemporaryFolder, cancellationToken);
                }
                catch (UnreadableImageException e)
                {
                    throw new UnsupportedMediaTypeException(e.Message);
                }
            }

            await using var stripped = image?.Stripped;
            var stored = stripped ?? received;
            if (stripped is not null)
            {
                (length, sha256) = (stripped.Length, Convert.ToHexStringLower(await SHA256.HashDataAsync(stripped, cancellationToken)));
            }

            stored.Position = 0;
            var id = Ids.New("med");
            var key = $"{caller.WorkspaceId}/{id}";
            var thumbnailKey = image is null ? null : key + ".thumbnail.webp";
            await storage.WriteAsync(key, stored, length, contentType, cancellationToken);
            try
            {
                if (image is not null)
                {
                    using var thumbnail = new MemoryStream(image.Thumbnail, writable: false);
                    await storage.WriteAsync(thumbnailKey!, thumbnail, image.Thumbnail.Length, "image/webp", cancellationToken);
                }

                var row = new MediaStore.Row
                {
                    Id = id,
                    ContentType = contentType,
                    Bytes = length,
                    Sha256 = sha256,
                    Width = image?.Width,
                    Height = image?.Height,
                    StorageKey = key,
                    ThumbnailKey = thumbnailKey,
                    CreatedAt = clock.GetUtcNow(),
                };
                await using var c = await db.OpenAsync(cancellationToken);
                await c.ExecuteAsync(MediaStore.Insert, new
                {
                    row.Id,
                    caller.WorkspaceId,
                    row.ContentType,
                    row.Bytes,
                    row.Sha256,
                    row.Width,
                    row.Height,
                    row.StorageKey,
                    row.ThumbnailKey,
                    CreatedBy = caller.KeyId,
                    row.CreatedAt,
                }, ct: cancellationToken);
                return row.ToView();
            }
            catch
            {
                // No row, no file: what was written for this upload goes.
                await storage.DeleteAsync(key, CancellationToken.None);
                if (thumbnailKey is not null)
                {
                    await storage.DeleteAsync(thumbnailKey, CancellationToken.None);
                }

                throw;
            }
        }

        private async Task<(long Length, string Sha256)> CopyCountedAsync(Stream source, Stream target, CancellationToken ct)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81_920];
            long length = 0;
            int read;
            while ((read = await ReadAsync(source, buffer, ct)) > 0)
            {
                length += read;
                if (length > settings.MaxUploadBytes)
                {
                    throw new PayloadTooLargeException(
                        $"The file is larger than {settings.MaxUploadBytes} bytes (Storage:MaxUploadBytes); nothing was stored.");
                }

                hash.AppendData(buffer, 0, read);
                await target.WriteAsync(buffer.AsMemory(0, read), ct);
            }

            return (length, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }

        /// <summary>A multipart body that breaks off inside its file part is the client's fault, not ours.</summary>
        private static async Task<int> ReadAsync(Stream source, byte[] buffer, CancellationToken ct)
        {
            try
            {
                return await source.ReadAsync(buffer, ct);
            }
            catch (InvalidDataException e)
            {
                throw new BadRequestException($"The multipart/form-data body is malformed: {e.Message}");
            }
        }
    }

    /// <summary>Room for a multipart body's boundaries and part headers above the file's own limit.</summary>
    private const long MultipartOverhead = 64 * 1024;

    internal static void Map(RouteGroupBuilder group, StorageSettings settings) =>
        group.MapPost("/", async (HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var media = await mediator.Send(new Request(await FileOfAsync(http.Request)), ct);
                return Results.Created(media.Url, media);
            })
            .RequireAuthorization(Policies.Write)
            .Idempotent()
            .WithBodySizeLimit(settings.MaxUploadBytes + MultipartOverhead)
            .WithName(nameof(UploadMedia))
            .WithSummary("Store a file (JPEG, PNG, WebP, GIF, MP4, MOV, WebM, PDF): the raw body, or multipart/form-data with one file")
            // Any declared type (*/*): the kind is judged from the bytes, and a role that may not upload gets its 403 whatever it declared.
            .Accepts<Stream>("application/octet-stream", "*/*")
            .WithDescription("The body is the file itself (any Content-Type: the kind is read from the bytes) or multipart/form-data "
                + "whose first file part is taken. Over Storage:MaxUploadBytes: 413; not JPEG, PNG, WebP, GIF, MP4, MOV, WebM or PDF: 415. "
                + "An image's EXIF location is removed before it is stored.")
            .Produces<MediaFile>(StatusCodes.Status201Created);

    /// <summary>The raw body, or the body of the first part of a multipart/form-data body that carries a file.</summary>
    private static async Task<Stream> FileOfAsync(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return request.Body;
        }

        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 70)
        {
            throw new BadRequestException("A multipart/form-data body needs a boundary of at most 70 characters.");
        }

        var reader = new MultipartReader(boundary, request.Body);
        try
        {
            while (await reader.ReadNextSectionAsync(request.HttpContext.RequestAborted) is { } section)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition())
                {
                    return section.Body;
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException && e is not BadHttpRequestException)
        {
            throw new BadRequestException($"The multipart/form-data body is malformed: {e.Message}");
        }

        throw new BadRequestException("The multipart/form-data body has no file part (Content-Disposition: form-data; name=\"file\"; filename=\"…\").");
    }
}
