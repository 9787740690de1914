using InfluenceCrm.Performance.Clicks;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Performance.Links;

/// <summary>
/// Baselines for build/bench.sh, mapped only with Benchmark:Endpoints=true: a bare 302 that records nothing, and the naive
/// redirect that inserts each click and bumps its daily row in the request (what the real redirect avoids).
/// </summary>
public static class BenchmarkRedirects
{
    public sealed record Request(string Code, System.Net.IPAddress? Address, string? UserAgent) : IRequest<IResult>;

    internal sealed class Handler(LinkCache cache, ClickPipeline clicks, ClickIds clickIds, IpHasher ipHasher,
        TimeProvider clock) : IRequestHandler<Request, IResult>
    {
        public async Task<IResult> Handle(Request r, CancellationToken cancellationToken)
        {
            if (!cache.TryGet(r.Code, out var link) || link!.Status != "active")
            {
                return Results.NotFound();
            }

            var clickId = await clickIds.NextAsync(cancellationToken);
            await clicks.WriteBatchAsync([new ClickEvent(clickId, link.LinkId, link.WorkspaceId, link.CampaignId, clock.GetUtcNow(),
                await ipHasher.HashAsync(r.Address, clock.GetUtcNow(), cancellationToken),
                r.UserAgent, null, LinkRules.IsBot(r.UserAgent))], cancellationToken);
            return Results.Redirect(LinkRules.WithClickId(link.Destination, clickIds.Format(clickId)));
        }
    }

    /// <summary>Server-side latency (and count) of the 302s of /r/ and /bench/bare/, from the first middleware to the end of the response.</summary>
    public sealed class ServerTiming(RequestDelegate next)
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string,
            System.Collections.Concurrent.ConcurrentQueue<double>> Samples = new();

        public async Task InvokeAsync(HttpContext context)
        {
            var path = context.Request.Path.Value ?? "";
            var key = path.StartsWith("/r/", StringComparison.Ordinal) ? "redirect" : path.StartsWith("/bench/bare/", StringComparison.Ordinal) ? "bare" : null;
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await next(context);
            if (key is not null && context.Response.StatusCode == StatusCodes.Status302Found)
            {
                Samples.GetOrAdd(key, _ => new()).Enqueue(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        /// <summary>Percentiles since the last reset, then reset.</summary>
        public static object Take(string key)
        {
            var values = Samples.TryRemove(key, out var queue) ? queue.ToArray() : [];
            Array.Sort(values);
            double? P(double q) => values.Length == 0 ? null : values[Math.Min(values.Length - 1, (int)(q * values.Length))];
            return new { count = values.Length, p50 = P(0.50), p99 = P(0.99), p999 = P(0.999), max = P(1) };
        }
    }

    internal static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/bench/latency/{key}", (string key) => Results.Ok(ServerTiming.Take(key))).AllowAnonymous().ExcludeFromDescription();
        // The process-wide click pipeline (every workspace's queue), which the API does not show: the harness waits on "pending".
        app.MapGet("/bench/click-pipeline", (ClickPipeline pipeline) => Results.Ok(pipeline.Snapshot())).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/bench/bare/{code}", (string code) => Results.Redirect("https://shop.example.com/")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/bench/naive/{code}", (string code, HttpContext http, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new Request(code, http.Connection.RemoteIpAddress, http.Request.Headers.UserAgent.ToString()), ct))
            .AllowAnonymous()
            .ExcludeFromDescription();
    }
}
