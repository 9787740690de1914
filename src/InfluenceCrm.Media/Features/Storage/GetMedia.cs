using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Platform.Storage;
using InfluenceCrm.Platform.WebConsole;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace InfluenceCrm.Media.Features;

/// <summary>
/// A stored file's bytes, streamed from storage: the whole file (200), or one byte range (206 with Content-Range) for a
/// <c>Range: bytes=…</c> request, as video players ask; a range past the end is 416. The ETag is the file's SHA-256 (files never
/// change): If-None-Match answers 304, and an If-Range that no longer matches gets the whole file. Another workspace's id is 404.
/// The API serves it at /api/v1/media/{id} to a key; the console at /media/{id} to its sign-in cookie; the creator's portal
/// serves an image's thumbnail at /portal/c/{creatorId}/media/{id}/thumbnail, of that creator's own files only (uploaded by them
/// or in a draft of theirs: any other is 404).
/// </summary>
public static class GetMedia
{
    /// <param name="Range">The Range header, if any; <paramref name="IfRange"/> the If-Range header.</param>
    public sealed record Request(string Id, bool Thumbnail, string? Range, string? IfRange) : IRequest<Response>;

    /// <param name="Content">The bytes to send (the range only, for a 206), or null for a 416.</param>
    public sealed record Response(string ContentType, string ETag, long TotalLength, long From, long Length, bool Partial, Stream? Content);

    internal sealed class Handler(Db db, Caller caller, IMediaStorage storage) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            MediaStore.Row? row;
            await using (var c = await db.OpenAsync(cancellationToken))
            {
                row = await c.QuerySingleOrDefaultAsync<MediaStore.Row>(MediaStore.Load, new { caller.WorkspaceId, request.Id }, ct: cancellationToken);
                if (row is not null && caller.PortalCreatorId is { } creatorId)
                {
                    var theirs = await c.ExecuteScalarAsync<long>(MediaStore.IsCreators, new { caller.WorkspaceId, request.Id, CreatorId = creatorId },
                        ct: cancellationToken);
                    row = theirs > 0 ? row : null; // from the portal, another's file is as unknown as another workspace's
                }
            }

            var key = request.Thumbnail ? row?.ThumbnailKey : row?.StorageKey;
            if (row is null || key is null)
            {
                throw new NotFoundException(request.Thumbnail ? "thumbnail of a stored image" : "stored file", request.Id);
            }

            var etag = $"\"{row.Sha256.Trim()}{(request.Thumbnail ? "-thumbnail" : "")}\"";
            var contentType = request.Thumbnail ? "image/webp" : row.ContentType;
            long from = 0;
            long? length = null;
            if (!request.Thumbnail && request.Range is { Length: > 0 } range && (request.IfRange is not { Length: > 0 } ifRange || ifRange == etag)
                && RangeHeaderValue.TryParse(range, out var parsed) && parsed.Unit.Equals("bytes", StringComparison.OrdinalIgnoreCase)
                && parsed.Ranges.Count == 1)
            {
                var item = parsed.Ranges.Single();
                (from, var to) = item.From is { } start
                    ? (start, Math.Min(item.To ?? row.Bytes - 1, row.Bytes - 1))
                    : (Math.Max(0, row.Bytes - item.To!.Value), row.Bytes - 1); // bytes=-500: the last 500
                if (from >= row.Bytes || to < from)
                {
                    return new Response(contentType, etag, row.Bytes, 0, 0, Partial: true, Content: null);
                }

                length = to - from + 1;
            }

            var content = await storage.OpenReadAsync(key, from, length, cancellationToken)
                ?? throw new NotFoundException("stored file", request.Id); // its bytes are being purged (an erasure)
            return new Response(contentType, etag, row.Bytes, from, length ?? (request.Thumbnail ? -1 : row.Bytes), length is not null, content);
        }
    }

    internal static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id}", (string id, HttpContext http, IMediator mediator, CancellationToken ct) => SendAsync(http, mediator, new Request(id, false,
                http.Request.Headers.Range, http.Request.Headers.IfRange), ct))
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(GetMedia))
            .WithSummary("A stored file's bytes (Range requests answered with 206; ETag: its SHA-256)")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .Produces(StatusCodes.Status206PartialContent, contentType: "application/octet-stream");
        group.MapGet("/{id}/thumbnail", (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                SendAsync(http, mediator, new Request(id, true, null, null), ct))
            .RequireAuthorization(Policies.Read)
            .WithName("GetMediaThumbnail")
            .WithSummary("A stored image's thumbnail (WebP, at most 320 px a side)")
            .Produces(StatusCodes.Status200OK, contentType: "image/webp");
    }

    /// <summary>The console's door: the same request at /media/{id}, with the console's sign-in cookie (pages show images and play video from it).</summary>
    internal static void MapConsole(IEndpointRouteBuilder app)
    {
        app.MapGet("/media/{id}", (string id, HttpContext http, IMediator mediator, CancellationToken ct) => SendAsync(http, mediator, new Request(id, false,
                http.Request.Headers.Range, http.Request.Headers.IfRange), ct))
            .RequireAuthorization(Policies.Read)
            .ExcludeFromDescription();
        app.MapGet("/media/{id}/thumbnail", (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                SendAsync(http, mediator, new Request(id, true, null, null), ct))
            .RequireAuthorization(Policies.Read)
            .ExcludeFromDescription();
    }

    /// <summary>The portal's door: a creator's own image thumbnails, on the portal's cookie (sent to /portal paths only).</summary>
    internal static void MapPortal(IEndpointRouteBuilder app) =>
        app.MapGet("/portal/c/{creatorId}/media/{id}/thumbnail", (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                SendAsync(http, mediator, new Request(id, true, null, null), ct))
            .RequireAuthorization(PortalAccess.CreatorPolicy)
            .ExcludeFromDescription();

    private static async Task SendAsync(HttpContext http, IMediator mediator, Request request, CancellationToken ct)
    {
        var media = await mediator.Send(request, ct);
        var response = http.Response;
        response.Headers.ETag = media.ETag;
        response.Headers.AcceptRanges = "bytes";
        response.Headers.CacheControl = "private, no-cache"; // revalidated (304) each time: an erased file is not shown from a cache
        // The file is shown as what its bytes are, never as a page of this site: no script of a PDF or SVG runs with our origin.
        response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        await using var content = media.Content;
        if (media.Content is null)
        {
            response.Headers.ContentRange = $"bytes */{media.TotalLength}";
            await Results.Problem(statusCode: StatusCodes.Status416RangeNotSatisfiable, title: "Range not satisfiable",
                detail: $"The file has {media.TotalLength} bytes; the range asked for lies outside them.").ExecuteAsync(http);
            return;
        }

        if (http.Request.Headers.IfNoneMatch.ToString() is { Length: > 0 } ifNoneMatch
            && ifNoneMatch.Split(',', StringSplitOptions.TrimEntries).Any(tag => tag == media.ETag || tag == "*"))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentType = media.ContentType;
        if (media.Partial)
        {
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = $"bytes {media.From}-{media.From + media.Length - 1}/{media.TotalLength}";
        }

        if (media.Length >= 0)
        {
            response.ContentLength = media.Length;
        }

        await content!.CopyToAsync(response.Body, 81_920, ct);
    }
}
