using FluentValidation;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.Webhooks.Features;

/// <summary>
/// A new signing secret for an endpoint (admin), shown once. During the overlap (24 hours unless told, at most 7 days)
/// every request carries two signatures, one per secret, so the receiver can switch when it is ready.
/// </summary>
public static class RotateWebhookSecret
{
    public sealed record Body(int? OverlapHours);

    public sealed record Request(string Id, int? OverlapHours) : IRequest<Response>;

    /// <param name="Secret">The new signing secret, shown in this response only.</param>
    /// <param name="PreviousSecretExpiresAt">Until when the old secret still signs.</param>
    public sealed record Response(WebhookEndpointView Endpoint, string Secret, DateTimeOffset? PreviousSecretExpiresAt);

    internal static readonly Sql Rotate = Sql.Both("""
        UPDATE platform_webhook_endpoints SET previous_secret = secret, previous_secret_expires_at = @PreviousExpiresAt, secret = @Secret,
            updated_at = @Now, version = version + 1
        WHERE workspace_id = @WorkspaceId AND id = @Id
        """);

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator() => RuleFor(r => r.OverlapHours).InclusiveBetween(0, 168);
    }

    internal sealed class Handler(Db db, Caller caller, AuditLog audit, TimeProvider clock) : IRequestHandler<Request, Response>
    {
        public Task<Response> Handle(Request r, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var secret = WebhookStore.NewSecret();
                var now = clock.GetUtcNow();
                DateTimeOffset? previousExpiresAt = (r.OverlapHours ?? 24) == 0 ? null : now.AddHours(r.OverlapHours ?? 24);
                var rotation = new { caller.WorkspaceId, r.Id, Secret = secret, PreviousExpiresAt = previousExpiresAt ?? now, Now = now };
                if (await c.ExecuteAsync(Rotate, rotation, tx, cancellationToken) == 0)
                {
                    throw new NotFoundException("webhook endpoint", r.Id);
                }

                await audit.RecordAsync(c, tx, "webhook_endpoint.secret_rotated", "webhook_endpoint", r.Id, new { overlapHours = r.OverlapHours ?? 24 },
                    cancellationToken);
                return new Response((await WebhookStore.FindEndpointAsync(c, tx, caller.WorkspaceId, r.Id, cancellationToken))!, secret, previousExpiresAt);
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id}/secret/rotate", async (string id, Body? body, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new Request(id, body?.OverlapHours), ct)))
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(RotateWebhookSecret))
            .WithSummary("Rotate an endpoint's signing secret (admin): the new one is shown once; the old one keeps signing for overlapHours (default 24)")
            .Produces<Response>();
}
