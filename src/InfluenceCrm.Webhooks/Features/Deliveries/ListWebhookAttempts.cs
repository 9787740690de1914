using FluentValidation;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.Webhooks.Features;

/// <summary>Every HTTP attempt made to an endpoint (admin), newest first, by delivery and outcome; cursor paged.</summary>
public static class ListWebhookAttempts
{
    public sealed record Request : IRequest<Page<WebhookAttemptView>>
    {
        public string EndpointId { get; init; } = "";
        public string? DeliveryId { get; init; }
        /// <summary>succeeded or failed.</summary>
        public string? Outcome { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    private const string SortName = "-attemptedAt";

    private static readonly KeysetOrder Newest = KeysetSearch.Order("""
        FROM platform_webhook_attempts a
        WHERE a.workspace_id = @WorkspaceId AND a.endpoint_id = @EndpointId AND (@DeliveryId IS NULL OR a.delivery_id = @DeliveryId)
          AND (@Outcome IS NULL OR a.outcome = @Outcome)
        """, "a", "attempted_at", ascending: false, byTime: true);

    public static readonly Sql Load = KeysetSearch.ByIds("""
        SELECT id AS Id, delivery_id AS DeliveryId, event_id AS EventId, attempted_at AS AttemptedAt, duration_ms AS DurationMs, outcome AS Outcome,
            status_code AS StatusCode, error AS Error, response_excerpt AS ResponseExcerpt
        FROM platform_webhook_attempts WHERE workspace_id = @WorkspaceId
        """, "id");

    private sealed class Row
    {
        public string Id { get; init; } = "";
        public string DeliveryId { get; init; } = "";
        public string EventId { get; init; } = "";
        public DateTimeOffset AttemptedAt { get; init; }
        public long DurationMs { get; init; }
        public string Outcome { get; init; } = "";
        public int? StatusCode { get; init; }
        public string? Error { get; init; }
        public string? ResponseExcerpt { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Limit).InclusiveBetween(1, Cursor.MaxLimit);
            RuleFor(r => r.Outcome).Must(s => s is "succeeded" or "failed").When(r => r.Outcome is not null).WithMessage("outcome is succeeded or failed.");
            RuleFor(r => r.DeliveryId).MaximumLength(40);
        }
    }

    internal sealed class Handler(Db db, Caller caller) : IRequestHandler<Request, Page<WebhookAttemptView>>
    {
        public Task<Page<WebhookAttemptView>> Handle(Request r, CancellationToken cancellationToken) =>
            WebhookStore.EndpointPageAsync<Row, WebhookAttemptView>(db, caller.WorkspaceId, r.EndpointId, Newest, SortName, r.Limit, r.Cursor,
                new { caller.WorkspaceId, r.EndpointId, r.DeliveryId, r.Outcome }, Load, x => x.Id,
                x => new WebhookAttemptView(x.Id, x.DeliveryId, x.EventId, x.AttemptedAt, x.DurationMs, x.Outcome, x.StatusCode, x.Error, x.ResponseExcerpt),
                cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/{endpointId}/attempts", async ([AsParameters] Request request, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(request, ct)))
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(ListWebhookAttempts))
            .WithSummary("List the HTTP attempts made to an endpoint (admin), newest first, by deliveryId and outcome (succeeded, failed); cursor paged")
            .Produces<Page<WebhookAttemptView>>();
}
