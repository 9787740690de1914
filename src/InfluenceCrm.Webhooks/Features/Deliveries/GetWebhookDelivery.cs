using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.Webhooks.Features;

/// <summary>One delivery of an endpoint (admin): its status, attempts so far and next attempt.</summary>
public static class GetWebhookDelivery
{
    public sealed record Request(string EndpointId, string Id) : IRequest<WebhookDeliveryView>;

    internal sealed class Handler(Db db, Caller caller) : IRequestHandler<Request, WebhookDeliveryView>
    {
        public async Task<WebhookDeliveryView> Handle(Request r, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            var row = await c.QuerySingleOrDefaultAsync<WebhookStore.DeliveryRow>(WebhookStore.LoadDelivery, new { caller.WorkspaceId, r.EndpointId, r.Id },
                    ct: cancellationToken)
                ?? throw new NotFoundException("webhook delivery", r.Id);
            return row.View();
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/{endpointId}/deliveries/{id}", async (string endpointId, string id, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new Request(endpointId, id), ct)))
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(GetWebhookDelivery))
            .WithSummary("Read one delivery of an endpoint (admin)")
            .Produces<WebhookDeliveryView>();
}
