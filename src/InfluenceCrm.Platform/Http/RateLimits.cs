using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Platform.WebConsole;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Platform.Http;

/// <summary>Marks a page the public opens without a key (the redirect, the release form): limited per client address, generously.</summary>
public sealed class PublicEndpoint
{
    public static readonly PublicEndpoint Instance = new();
}

/// <summary>
/// Who may send how much, per minute (fixed windows):
/// <list type="bullet">
/// <item>the API, per workspace (RateLimiting:PermitsPerMinute): a new key adds no quota; requests without a valid key count per client address;</item>
/// <item>the public pages, per client address (RateLimiting:PublicPermitsPerMinute, 0 = unlimited): high, because a viral post is
/// opened by thousands of phones behind one carrier NAT;</item>
/// <item>the console, per signed-in person (RateLimiting:ConsolePermitsPerMinute), signed-out pages per client address: people
/// browsing do not use up the workspace's API quota that its integrations live on, and an integration that does cannot lock
/// people out of the console;</item>
/// <item>health endpoints: never limited (a probe that gets 429 restarts a healthy service).</item>
/// </list>
/// Answers carry the IETF draft's <c>RateLimit-Policy</c> and <c>RateLimit</c> headers so clients can pace themselves.
/// The client address is the one ForwardedHeaders established (X-Forwarded-For from a known proxy).
/// </summary>
public sealed class RateLimits : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Policy? api;
    private readonly Policy? publicPages;
    private readonly Policy? console;
    private readonly TimeProvider clock;
    private readonly ConcurrentDictionary<string, DateTimeOffset> windowStarts = new(StringComparer.Ordinal);

    public RateLimits(IConfiguration configuration, TimeProvider clock)
    {
        var apiPermits = configuration.GetValue("RateLimiting:PermitsPerMinute", 1200);
        var publicPermits = configuration.GetValue("RateLimiting:PublicPermitsPerMinute", 60_000);
        api = apiPermits > 0 ? new Policy("api", apiPermits) : null; // 0 = unlimited
        publicPages = publicPermits > 0 ? new Policy("public", publicPermits) : null;
        var consolePermits = configuration.GetValue("RateLimiting:ConsolePermitsPerMinute", 1200);
        console = consolePermits > 0 ? new Policy("console", consolePermits) : null;
        this.clock = clock;
        Limiter = PartitionedRateLimiter.Create<HttpContext, string>(Partition);
    }

    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    private sealed record Policy(string Name, int Permits);

    private Policy? PolicyOf(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/health"))
        {
            return null;
        }

        return context.GetEndpoint()?.Metadata.GetMetadata<PublicEndpoint>() is not null ? publicPages
            : ConsoleAccess.IsConsoleRequest(context.Request) ? console
            : api;
    }

    /// <summary>Whether a limit applies to this request (and so its answer carries the RateLimit headers).</summary>
    public bool Governs(HttpContext context) => PolicyOf(context) is not null;

    private static string PartitionKey(Policy policy, HttpContext context) => $"{policy.Name}|{ClientKey(context)}";

    // A calendar feed counts on its own: its URL travels far, and whoever has it must not use up its workspace's quota.
    private static string ClientKey(HttpContext context) =>
        context.User.FindFirst(ConsoleAccess.PersonClaim)?.Value is { } person ? "person:" + person
        : context.User.IsInRole(Roles.CalendarFeed) ? "feed:" + context.User.FindFirst(ApiKeyAuthentication.KeyClaim)?.Value
        : context.User.FindFirst(ApiKeyAuthentication.WorkspaceClaim)?.Value is { } workspace ? "workspace:" + workspace
        : "address:" + context.Connection.RemoteIpAddress;

    private RateLimitPartition<string> Partition(HttpContext context)
    {
        if (PolicyOf(context) is not { } policy)
        {
            return RateLimitPartition.GetNoLimiter("unlimited");
        }

        return RateLimitPartition.GetFixedWindowLimiter(PartitionKey(policy, context), k =>
        {
            if (windowStarts.Count > 100_000)
            {
                // Idle limiters are dropped by the limiter, not here: forget starts older than two windows (an active one
                // that loses its start only reports a later reset).
                foreach (var (old, _) in windowStarts.Where(w => clock.GetUtcNow() - w.Value > 2 * Window))
                {
                    windowStarts.TryRemove(old, out _);
                }
            }

            windowStarts[k] = clock.GetUtcNow(); // the window starts when its limiter is made
            return new FixedWindowRateLimiterOptions { PermitLimit = policy.Permits, Window = Window, QueueLimit = 0 };
        });
    }

    /// <summary>RateLimit-Policy and RateLimit (draft-ietf-httpapi-ratelimit-headers): quota, window, what is left, seconds to reset.</summary>
    public void WriteHeaders(HttpContext context)
    {
        if (PolicyOf(context) is not { } policy)
        {
            return;
        }

        var remaining = Limiter.GetStatistics(context)?.CurrentAvailablePermits ?? policy.Permits;
        var elapsed = windowStarts.TryGetValue(PartitionKey(policy, context), out var start) ? clock.GetUtcNow() - start : TimeSpan.Zero;
        var reset = (long)Math.Ceiling((Window - TimeSpan.FromTicks(elapsed.Ticks % Window.Ticks)).TotalSeconds);
        var headers = context.Response.Headers;
        headers["RateLimit-Policy"] = string.Create(CultureInfo.InvariantCulture, $"\"{policy.Name}\";q={policy.Permits};w={(int)Window.TotalSeconds}");
        headers["RateLimit"] = string.Create(CultureInfo.InvariantCulture, $"\"{policy.Name}\";r={Math.Max(0, remaining)};t={reset}");
    }

    public string Describe(HttpContext context) => PolicyOf(context) switch
    {
        { Name: "public" } policy => $"This address may open public pages {policy.Permits} times a minute; retry after the Retry-After delay.",
        { Name: "console" } policy => $"The console answers each person {policy.Permits} requests a minute; retry after the Retry-After delay.",
        _ => $"This workspace may send {api?.Permits} requests a minute (all its keys together); retry after the Retry-After delay.",
    };

    public void Dispose() => Limiter.Dispose();
}

public static class RateLimitsExtensions
{
    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddSingleton<RateLimits>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<RateLimits>((options, limits) =>
        {
            options.GlobalLimiter = limits.Limiter;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, token) =>
            {
                var http = context.HttpContext;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 60;
                http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails { Status = 429, Title = "Too many requests", Detail = limits.Describe(http) },
                });
            };
        });
        return services;
    }

    /// <summary>The limiter, then the RateLimit headers on every answer it governs (429s included).</summary>
    public static WebApplication UseRateLimits(this WebApplication app)
    {
        var limits = app.Services.GetRequiredService<RateLimits>();
        app.Use((context, next) =>
        {
            if (limits.Governs(context)) // nothing to add (nor to allocate) on health checks and unlimited pages
            {
                context.Response.OnStarting(() =>
                {
                    limits.WriteHeaders(context);
                    return Task.CompletedTask;
                });
            }

            return next(context);
        });
        app.UseRateLimiter();
        return app;
    }
}
