using Microsoft.AspNetCore.Http;

namespace InfluenceCrm.Platform.Http;

/// <summary>Strong ETags made from a row's version counter; If-Match checks for updates.</summary>
public static class ETags
{
    /// <summary>Endpoint metadata: the answer carries the resource's ETag (and a GET honours If-None-Match).</summary>
    public sealed class Answered
    {
        public static readonly Answered Instance = new();
    }

    /// <summary>Endpoint metadata: the request must carry If-Match (see <see cref="RequiredVersion"/>).</summary>
    public sealed class IfMatchRequired
    {
        public static readonly IfMatchRequired Instance = new();
    }

    public static string For(long version) => $"\"{version}\"";

    /// <summary>
    /// 200 with the resource and its ETag; on a read whose If-None-Match names the current ETag (or *), 304 without a
    /// body: a client polling a resource pays for it only when it changed.
    /// </summary>
    public static IResult Ok<T>(HttpContext http, T resource, long version)
    {
        var etag = For(version);
        http.Response.Headers.ETag = etag;
        if (HttpMethods.IsGet(http.Request.Method) && http.Request.Headers.IfNoneMatch.ToString() is { Length: > 0 } ifNoneMatch
            && ifNoneMatch.Split(',').Select(t => t.Trim()).Any(t => t == "*" || t == etag || t == "W/" + etag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Ok(resource);
    }

    /// <summary>201 with the resource, its Location and its ETag.</summary>
    public static IResult Created<T>(HttpContext http, string location, T resource, long version)
    {
        http.Response.Headers.ETag = For(version);
        return Results.Created(location, resource);
    }

    /// <summary>The version the client expects, from If-Match: 428 when absent, 400 when unreadable; null for "*".</summary>
    public static long? RequiredVersion(HttpContext context)
    {
        var header = context.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            throw new PreconditionRequiredException();
        }

        header = header.Trim();
        if (header == "*")
        {
            return null;
        }

        var value = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        return value.Length > 2 && value[0] == '"' && value[^1] == '"' && long.TryParse(value[1..^1], out var version)
            ? version
            : throw new BadRequestException("If-Match must carry one ETag as returned by a read, e.g. If-Match: \"3\".");
    }

    /// <summary>412 when the expected version (null means any) is not the current one.</summary>
    public static void Check(long? expected, long current)
    {
        if (expected is not null && expected != current)
        {
            throw new PreconditionFailedException(For(current));
        }
    }
}
