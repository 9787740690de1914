using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Performance.Features;

/// <summary>
/// Baselines for build/bench.sh, mapped only with Benchmark:Endpoints=true: a bare 302 that records nothing, and the naive
/// redirect that inserts each click and bumps its daily row in the request (what the real redirect avoids).
/// </summary>
public static class BenchmarkRedirects
{
    public sealed record Request(string Code, System.Net.IPAddress? Address, string? UserAgent) : IRequest<IResult>;

    internal sealed class Handler(LinkCache cache, ClickPipeline clicks, IpHasher ipHasher, TimeProvider clock) : IRequestHandler<Request, IResult>
    {
        public async Task<IResult> Handle(Request r, CancellationToken cancellationToken)
        {
            if (!cache.TryGet(r.Code, out var link) || link!.Status != "active")
            {
                return Results.NotFound();
            }

            var clickId = Ids.New("ck");
            await clicks.WriteBatchAsync([new ClickEvent(clickId, link.LinkId, link.WorkspaceId, clock.GetUtcNow(), await ipHasher.HashAsync(r.Address, cancellationToken),
                r.UserAgent, null, LinkRules.IsBot(r.UserAgent))], cancellationToken);
            return Results.Redirect(LinkRules.WithClickId(link.Destination, clickId));
        }
    }

    internal static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/bench/bare/{code}", (string code) => Results.Redirect("https://shop.example.com/")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/bench/naive/{code}", (string code, HttpContext http, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new Request(code, http.Connection.RemoteIpAddress, http.Request.Headers.UserAgent.ToString()), ct))
            .AllowAnonymous()
            .ExcludeFromDescription();
    }
}
