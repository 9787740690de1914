using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace InfluenceCrm.Platform.Http;

/// <summary>A larger body limit for one endpoint (imports); every other endpoint gets <see cref="BodySizeLimitMiddleware.DefaultBytes"/>.</summary>
public sealed record BodySizeLimit(long Bytes);

/// <summary>The same for a console page (a component's attributes are its endpoint's metadata): the portal's draft upload.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class BodySizeLimitAttribute(long bytes) : Attribute
{
    public long Bytes { get; } = bytes;
}

public static class BodySizeLimitExtensions
{
    public static TBuilder WithBodySizeLimit<TBuilder>(this TBuilder builder, long bytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodySizeLimit(bytes));
}

/// <summary>413 before reading a body whose declared length is too large; the server enforces the same limit on chunked bodies.</summary>
public sealed class BodySizeLimitMiddleware(RequestDelegate next)
{
    public const long DefaultBytes = 1024 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata;
        var limit = metadata?.GetMetadata<BodySizeLimit>()?.Bytes ?? metadata?.GetMetadata<BodySizeLimitAttribute>()?.Bytes ?? DefaultBytes;
        if (context.Request.ContentLength > limit)
        {
            throw new BadHttpRequestException($"The request body is larger than {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
        }

        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = limit;
        }

        return next(context);
    }
}
