using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InfluenceCrm.Platform.Http;

/// <summary>
/// Headers that keep a browser from misreading or framing what we serve: nosniff on every answer; on HTML pages a
/// Content-Security-Policy (own origin only, no framing, forms post only to us), no Referer sent onwards (the release
/// form's URL carries its token) and no framing for old browsers either. Answers that may carry personal data (every
/// /api/ answer, every page: the console's and the release form) are not stored by the browser or a shared cache. On
/// https (as the request is seen after a trusted proxy's X-Forwarded-Proto) outside Development, Strict-Transport-Security
/// tells the browser to come back over https only.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string PageCsp = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>One year, the host only: other hosts of the operator's domain may not serve https.</summary>
    public const string Hsts = "max-age=31536000";

    // The API reference (Scalar) runs an inline bootstrap script and inline styles.
    private const string DocsCsp = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src " +
        "'self' data:; "
        + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            if (http.Request.IsHttps && !http.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment())
            {
                headers.StrictTransportSecurity = Hsts;
            }

            var page = http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true;
            if (page)
            {
                headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/docs") ? DocsCsp : PageCsp;
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "DENY";
            }

            if (page || http.Request.Path.StartsWithSegments("/api"))
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
