using System.Text.Json;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Platform.Webhooks;
using MediatR;
using Microsoft.Extensions.Options;

namespace InfluenceCrm.Webhooks.Features;

/// <summary>
/// Sends a webhook.test event to one endpoint (admin), whatever it subscribes to: a delivery like any other, signed,
/// retried and kept with its attempts, so an admin sees the receiver answer. The endpoint must be enabled.
/// </summary>
public static class SendWebhookTestEvent
{
    public sealed record Request(string EndpointId) : IRequest<WebhookDeliveryView>;

    internal static readonly Sql InsertEvent = Sql.Both("""
        INSERT INTO platform_webhook_events (id, workspace_id, type, occurred_at, payload) VALUES (@Id, @WorkspaceId, @Type, @Now, @Payload)
        """);

    internal sealed class Handler(Db db, Caller caller, AuditLog audit, TimeProvider clock, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
        : IRequestHandler<Request, WebhookDeliveryView>
    {
        public Task<WebhookDeliveryView> Handle(Request r, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var endpoint = await WebhookStore.FindEndpointAsync(c, tx, caller.WorkspaceId, r.EndpointId, cancellationToken)
                    ?? throw new NotFoundException("webhook endpoint", r.EndpointId);
                if (endpoint.Status != "enabled")
                {
                    throw new ConflictException("The endpoint is disabled: enable it (PATCH enabled=true) before sending a test event.");
                }

                var now = clock.GetUtcNow();
                var eventId = Ids.New("msg");
                var data = new { endpointId = endpoint.Id, message = "A test event: your endpoint receives and verifies InfluenceCrm's webhooks." };
                var payload = JsonSerializer.Serialize(new { type = WebhookEndpointEvents.Test, timestamp = now, data }, json.Value.SerializerOptions);
                await c.ExecuteAsync(InsertEvent, new { Id = eventId, caller.WorkspaceId, Type = WebhookEndpointEvents.Test, Now = now, Payload = payload }, tx,
                    cancellationToken);
                var id = Ids.New("whd");
                var delivered = new { Id = id, caller.WorkspaceId, EndpointId = endpoint.Id, EventId = eventId, ReplayOf = (string?)null, Now = now };
                await c.ExecuteAsync(WebhookOutbox.InsertDelivery, delivered, tx, cancellationToken);
                await audit.RecordAsync(c, tx, "webhook_endpoint.tested", "webhook_endpoint", endpoint.Id, new { delivery = id },
                    cancellationToken);
                var delivery = await c.QuerySingleOrDefaultAsync<WebhookStore.DeliveryRow>(WebhookStore.LoadDelivery,
                    new { caller.WorkspaceId, EndpointId = endpoint.Id, Id = id }, tx, cancellationToken);
                return delivery!.View();
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id}/test", async (string id, IMediator mediator, CancellationToken ct) =>
            {
                var delivery = await mediator.Send(new Request(id), ct);
                return Results.Accepted($"/api/v1/webhooks/endpoints/{id}/deliveries/{delivery.Id}", delivery);
            })
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(SendWebhookTestEvent))
            .WithSummary("Send a webhook.test event to an endpoint (admin), whatever it subscribes to; 202 with the new delivery")
            .Produces<WebhookDeliveryView>(StatusCodes.Status202Accepted);
}
