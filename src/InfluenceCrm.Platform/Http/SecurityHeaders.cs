using Microsoft.AspNetCore.Http;

namespace InfluenceCrm.Platform.Http;

/// <summary>
/// Headers that keep a browser from misreading or framing what we serve: nosniff on every answer; on HTML pages a
/// Content-Security-Policy (own origin only, no framing, forms post only to us), no Referer sent onwards (the release
/// form's URL carries its token) and no framing for old browsers either.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string PageCsp = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // The API reference (Scalar) runs an inline bootstrap script and inline styles.
    private const string DocsCsp = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            if (http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/docs") ? DocsCsp : PageCsp;
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "DENY";
            }

            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
