using FluentValidation;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Platform.Webhooks;
using MediatR;

namespace InfluenceCrm.Webhooks.Features;

/// <summary>
/// Changes an endpoint's URL, description or event types, or disables and re-enables it (admin, If-Match required).
/// Re-enabling clears the failure count; deliveries that waited while it was disabled are then sent.
/// </summary>
public static class UpdateWebhookEndpoint
{
    public sealed record Body(string? Url, string? Description, IReadOnlyList<string>? EventTypes, bool? Enabled);

    public sealed record Request(string Id, string? Url, string? Description, IReadOnlyList<string>? EventTypes, bool? Enabled, long? ExpectedVersion)
        : IRequest<WebhookEndpointView>;

    internal static readonly Sql Update = Sql.Both("""
        UPDATE platform_webhook_endpoints SET url = @Url, description = @Description, status = @Status, disabled_reason = @DisabledReason,
            consecutive_failures = @ConsecutiveFailures, failing_since = @FailingSince, updated_at = @Now, version = version + 1
        WHERE workspace_id = @WorkspaceId AND id = @Id AND version = @Version
        """);

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator(WebhookSettings settings, WebhookEventTypes catalogue)
        {
            RuleFor(r => r.Url).Cascade(CascadeMode.Stop).MaximumLength(2048)
                .Must(u => settings.UrlProblem(u) is null).WithMessage((_, u) => settings.UrlProblem(u)!)
                .MustAsync(async (u, ct) => await settings.ResolvedProblemAsync(u, ct) is null).WithMessage(WebhookSettings.NotPublic)
                .When(r => r.Url is not null);
            RuleFor(r => r.Description).MaximumLength(500);
            RuleFor(r => r.EventTypes).NotEmpty().When(r => r.EventTypes is not null);
            RuleForEach(r => r.EventTypes).Must(t => t is not null && catalogue.IsKnown(t))
                .WithMessage((_, t) => $"'{t}' is not an event type (GET /api/v1/webhooks/event-types lists them).");
        }
    }

    internal sealed class Handler(Db db, Caller caller, AuditLog audit, TimeProvider clock) : IRequestHandler<Request, WebhookEndpointView>
    {
        public Task<WebhookEndpointView> Handle(Request r, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var current = await c.QuerySingleOrDefaultAsync<WebhookStore.EndpointRow>(WebhookStore.LoadEndpoint, new { caller.WorkspaceId, r.Id }, tx,
                        cancellationToken)
                    ?? throw new NotFoundException("webhook endpoint", r.Id);
                ETags.Check(r.ExpectedVersion, current.Version);
                var enabled = r.Enabled ?? current.Status == "enabled";
                var reenabled = enabled && current.Status != "enabled";
                var changed = await c.ExecuteAsync(Update, new
                {
                    caller.WorkspaceId,
                    r.Id,
                    current.Version,
                    Now = clock.GetUtcNow(),
                    Url = r.Url ?? current.Url,
                    Description = r.Description ?? current.Description,
                    Status = enabled ? "enabled" : "disabled",
                    DisabledReason = enabled ? null : r.Enabled == false && current.Status == "enabled" ? "Disabled by an admin." : current.DisabledReason,
                    ConsecutiveFailures = reenabled ? 0 : current.ConsecutiveFailures,
                    FailingSince = reenabled ? null : current.FailingSince,
                }, tx, cancellationToken);
                if (changed == 0)
                {
                    throw new PreconditionFailedException(ETags.For(current.Version + 1));
                }

                if (r.EventTypes is not null)
                {
                    await c.ExecuteAsync(WebhookStore.DeleteEventTypes, new { r.Id }, tx, cancellationToken);
                    foreach (var type in r.EventTypes.Distinct(StringComparer.Ordinal))
                    {
                        await c.ExecuteAsync(WebhookStore.InsertEventType, new { r.Id, EventType = type }, tx, cancellationToken);
                    }
                }

                await audit.RecordAsync(c, tx, "webhook_endpoint.updated", "webhook_endpoint", r.Id,
                    new { url = r.Url is not null, eventTypes = r.EventTypes, enabled = r.Enabled }, cancellationToken);
                return (await WebhookStore.FindEndpointAsync(c, tx, caller.WorkspaceId, r.Id, cancellationToken))!;
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPatch("/{id}", async (string id, Body body, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var expected = ETags.RequiredVersion(http);
                var endpoint = await mediator.Send(new Request(id, body.Url, body.Description, body.EventTypes, body.Enabled, expected), ct);
                return ETags.Ok(http, endpoint, endpoint.Version);
            })
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(UpdateWebhookEndpoint))
            .WithMetadata(ETags.Answered.Instance)
            .WithMetadata(ETags.IfMatchRequired.Instance)
            .WithSummary("Change a webhook endpoint's URL, description, event types, or disable / re-enable it (admin, If-Match required)")
            .Produces<WebhookEndpointView>();
}
