using System.Diagnostics;
using InfluenceCrm.Platform.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace InfluenceCrm.Platform.Http;

/// <summary>
/// One structured line per request: method, route template (not the raw path or query, which can hold names or
/// e-mails), status, duration, workspace and key id. Never the Authorization header or a body.
/// </summary>
public sealed partial class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        // Read now: the exception handler clears the endpoint when it re-executes the request.
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
        try
        {
            await next(context);
        }
        finally
        {
            Log(logger, context.Request.Method, route, context.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                context.User.FindFirst(ApiKeyAuthentication.WorkspaceClaim)?.Value ?? "-",
                context.User.FindFirst(ApiKeyAuthentication.KeyClaim)?.Value ?? "-");
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "HTTP {Method} {Route} answered {Status} in {ElapsedMs:0.0} ms (workspace {WorkspaceId}, key {KeyId})")]
    private static partial void Log(ILogger logger, string method, string route, int status, double elapsedMs, string workspaceId, string keyId);
}
