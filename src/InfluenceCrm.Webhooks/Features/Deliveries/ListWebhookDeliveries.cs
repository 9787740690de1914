using FluentValidation;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.Webhooks.Features;

/// <summary>An endpoint's deliveries (admin), newest first, by status and event type; cursor paged.</summary>
public static class ListWebhookDeliveries
{
    public sealed record Request : IRequest<Page<WebhookDeliveryView>>
    {
        public string EndpointId { get; init; } = "";
        /// <summary>pending, delivered or failed.</summary>
        public string? Status { get; init; }
        public string? EventType { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    private const string SortName = "-createdAt";

    private static readonly KeysetOrder Newest = KeysetSearch.Order("""
        FROM platform_webhook_deliveries d
        WHERE d.workspace_id = @WorkspaceId AND d.endpoint_id = @EndpointId AND (@Status IS NULL OR d.status = @Status)
          AND (@EventType IS NULL OR EXISTS (SELECT 1 FROM platform_webhook_events e WHERE e.id = d.event_id AND e.type = @EventType))
        """, "d", "created_at", ascending: false, byTime: true);

    public static readonly Sql Load = KeysetSearch.ByIds("""
        SELECT d.id AS Id, d.endpoint_id AS EndpointId, d.event_id AS EventId, e.type AS EventType, d.replay_of AS ReplayOf, d.status AS Status,
            d.attempts AS Attempts, d.next_attempt_at AS NextAttemptAt, d.created_at AS CreatedAt, d.last_attempt_at AS LastAttemptAt
        FROM platform_webhook_deliveries d JOIN platform_webhook_events e ON e.id = d.event_id
        WHERE d.workspace_id = @WorkspaceId
        """, "d.id");

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Limit).InclusiveBetween(1, Cursor.MaxLimit);
            RuleFor(r => r.Status).Must(s => s is "pending" or "delivered" or "failed").When(r => r.Status is not null)
                .WithMessage("status is pending, delivered or failed.");
            RuleFor(r => r.EventType).MaximumLength(100);
        }
    }

    internal sealed class Handler(Db db, Caller caller) : IRequestHandler<Request, Page<WebhookDeliveryView>>
    {
        public Task<Page<WebhookDeliveryView>> Handle(Request r, CancellationToken cancellationToken) =>
            WebhookStore.EndpointPageAsync<WebhookStore.DeliveryRow, WebhookDeliveryView>(db, caller.WorkspaceId, r.EndpointId, Newest, SortName,
                r.Limit, r.Cursor, new { caller.WorkspaceId, r.EndpointId, r.Status, r.EventType }, Load, x => x.Id, x => x.View(), cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/{endpointId}/deliveries", async ([AsParameters] Request request, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(request, ct)))
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(ListWebhookDeliveries))
            .WithSummary("List an endpoint's deliveries (admin), newest first, by status (pending, delivered, failed) and eventType; cursor paged")
            .Produces<Page<WebhookDeliveryView>>();
}
