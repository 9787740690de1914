using InfluenceCrm.Performance.Clicks;
using InfluenceCrm.Performance.Links;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Performance.Features.Links;

/// <summary>
/// The redirect, GET /r/{code}: 302 to the destination with the click id (icid) for attribution; 404 unknown, 410 paused
/// or expired. Served from memory; the click is queued, never awaited on the database (see ClickPipeline). This is the
/// one endpoint that does not go through MediatR: it is the hot path, its only collaborators are singletons, and the
/// per-request handler resolution and pipeline cost a measurable share of a redirect (see README, Benchmarks).
/// </summary>
public static class FollowLink
{
    public sealed record Request(string Code, System.Net.IPAddress? Address, string? UserAgent, string? Referrer);

    internal sealed class Handler(LinkCache cache, ClickPipeline clicks, ClickIds clickIds, IpHasher ipHasher, TimeProvider clock)
    {
        public async ValueTask<IResult> Handle(Request r, CancellationToken cancellationToken)
        {
            if (!cache.TryGet(r.Code, out var link))
            {
                return Results.Problem(statusCode: 404, title: "Not found", detail: "No link with this code.");
            }

            var now = clock.GetUtcNow();
            if (link!.Status != "active" || link.ExpiresAt is { } expires && expires <= now)
            {
                return Results.Problem(statusCode: 410, title: "Gone", detail: "This link is no longer active.");
            }

            var clickId = await clickIds.NextAsync(cancellationToken);
            var ua = r.UserAgent is { Length: > 512 } long_ ? long_[..512] : r.UserAgent;
            var referrer = r.Referrer is { Length: > 1024 } longer ? longer[..1024] : r.Referrer;
            await clicks.RecordAsync(new ClickEvent(clickId, link.LinkId, link.WorkspaceId, link.CampaignId, now,
                await ipHasher.HashAsync(r.Address, now, cancellationToken), ua, referrer,
                LinkRules.IsBot(ua)));
            return Results.Redirect(LinkRules.WithClickId(link.Destination, clickIds.Format(clickId)));
        }
    }

    internal static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/r/{code}", (string code, HttpContext http, Handler handler, CancellationToken ct) =>
                handler.Handle(new Request(code, http.Connection.RemoteIpAddress, http.Request.Headers.UserAgent.ToString(),
                    http.Request.Headers.Referer.ToString() is { Length: > 0 } referer ? referer : null), ct))
            .AllowAnonymous()
            .WithMetadata(PublicEndpoint.Instance)
            .WithTags("Links")
            .WithName(nameof(FollowLink))
            .WithSummary("Follow a tracked link: 302 to its destination (404 unknown, 410 paused or expired)");
}
