using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Platform.Webhooks;
using MediatR;

namespace InfluenceCrm.Webhooks.Features;

/// <summary>
/// Sends a delivery's event again (admin): a new delivery of the same event, with the same webhook-id, so a receiver
/// that already processed it can tell. Any delivery may be replayed, delivered or failed; the endpoint must be enabled.
/// </summary>
public static class ReplayWebhookDelivery
{
    public sealed record Request(string EndpointId, string Id) : IRequest<WebhookDeliveryView>;

    internal sealed class Handler(Db db, Caller caller, AuditLog audit, TimeProvider clock) : IRequestHandler<Request, WebhookDeliveryView>
    {
        public Task<WebhookDeliveryView> Handle(Request r, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var original = await c.QuerySingleOrDefaultAsync<WebhookStore.DeliveryRow>(WebhookStore.LoadDelivery,
                        new { caller.WorkspaceId, r.EndpointId, r.Id }, tx, cancellationToken)
                    ?? throw new NotFoundException("webhook delivery", r.Id);
                var endpoint = (await WebhookStore.FindEndpointAsync(c, tx, caller.WorkspaceId, r.EndpointId, cancellationToken))!;
                if (endpoint.Status != "enabled")
                {
                    throw new ConflictException("The endpoint is disabled: enable it (PATCH enabled=true) before replaying.");
                }

                var id = Ids.New("whd");
                await c.ExecuteAsync(WebhookOutbox.InsertDelivery, new
                {
                    Id = id,
                    caller.WorkspaceId,
                    r.EndpointId,
                    original.EventId,
                    ReplayOf = original.Id,
                    Now = clock.GetUtcNow(),
                }, tx, cancellationToken);
                await audit.RecordAsync(c, tx, "webhook_delivery.replayed", "webhook_endpoint", r.EndpointId, new { delivery = original.Id, replay = id },
                    cancellationToken);
                var replay = await c.QuerySingleOrDefaultAsync<WebhookStore.DeliveryRow>(WebhookStore.LoadDelivery,
                    new { caller.WorkspaceId, r.EndpointId, Id = id }, tx, cancellationToken);
                return replay!.View();
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{endpointId}/deliveries/{id}/replay", async (string endpointId, string id, IMediator mediator, CancellationToken ct) =>
            {
                var replay = await mediator.Send(new Request(endpointId, id), ct);
                return Results.Accepted($"/api/v1/webhooks/endpoints/{endpointId}/deliveries/{replay.Id}", replay);
            })
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(ReplayWebhookDelivery))
            .WithSummary("Send a delivery's event again (admin): a new delivery with the same webhook-id; 202 with the new delivery")
            .Produces<WebhookDeliveryView>(StatusCodes.Status202Accepted);
}
