using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.Webhooks.Features;

/// <summary>One webhook endpoint (admin), never its secret; the ETag is what PATCH expects in If-Match.</summary>
public static class GetWebhookEndpoint
{
    public sealed record Request(string Id) : IRequest<WebhookEndpointView>;

    internal sealed class Handler(Db db, Caller caller) : IRequestHandler<Request, WebhookEndpointView>
    {
        public async Task<WebhookEndpointView> Handle(Request r, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            return await WebhookStore.FindEndpointAsync(c, null, caller.WorkspaceId, r.Id, cancellationToken)
                ?? throw new NotFoundException("webhook endpoint", r.Id);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/{id}", async (string id, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var endpoint = await mediator.Send(new Request(id), ct);
                return ETags.Ok(http, endpoint, endpoint.Version);
            })
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(GetWebhookEndpoint))
            .WithMetadata(ETags.Answered.Instance)
            .WithSummary("Read a webhook endpoint (admin), without its secret")
            .Produces<WebhookEndpointView>();
}
