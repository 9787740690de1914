using FluentValidation;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Platform.Webhooks;
using MediatR;

namespace InfluenceCrm.Webhooks.Features;

/// <summary>Registers a webhook endpoint (admin): its URL, the event types it wants, a description. The signing secret is shown once.</summary>
public static class CreateWebhookEndpoint
{
    public sealed record Request(string? Url, string? Description, IReadOnlyList<string>? EventTypes) : IRequest<Response>;

    /// <param name="Secret">The signing secret (whsec_…), shown in this response only; rotate it to get a new one.</param>
    public sealed record Response(WebhookEndpointView Endpoint, string Secret);

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator(WebhookSettings settings, WebhookEventTypes catalogue)
        {
            RuleFor(r => r.Url).Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(2048)
                .Must(u => settings.UrlProblem(u) is null).WithMessage((_, u) => settings.UrlProblem(u)!)
                .MustAsync(async (u, ct) => await settings.ResolvedProblemAsync(u, ct) is null).WithMessage(WebhookSettings.NotPublic);
            RuleFor(r => r.Description).MaximumLength(500);
            RuleFor(r => r.EventTypes).NotEmpty().Must(t => t is null || t.Count <= catalogue.All.Count)
                .WithMessage("eventTypes lists each type at most once.");
            RuleForEach(r => r.EventTypes).Must(t => t is not null && catalogue.IsKnown(t))
                .WithMessage((_, t) => $"'{t}' is not an event type (GET /api/v1/webhooks/event-types lists them).");
        }
    }

    internal sealed class Handler(Db db, Caller caller, AuditLog audit, TimeProvider clock) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request r, CancellationToken cancellationToken)
        {
            var id = Ids.New("whe");
            var secret = WebhookStore.NewSecret();
            var endpoint = await db.InTransactionAsync(async (c, tx) =>
            {
                await c.ExecuteAsync(WebhookStore.InsertEndpoint,
                    new { Id = id, caller.WorkspaceId, r.Url, r.Description, Secret = secret, Now = clock.GetUtcNow() }, tx, cancellationToken);
                foreach (var type in r.EventTypes!.Distinct(StringComparer.Ordinal))
                {
                    await c.ExecuteAsync(WebhookStore.InsertEventType, new { Id = id, EventType = type }, tx, cancellationToken);
                }

                await audit.RecordAsync(c, tx, "webhook_endpoint.created", "webhook_endpoint", id, new { eventTypes = r.EventTypes }, cancellationToken);
                return (await WebhookStore.FindEndpointAsync(c, tx, caller.WorkspaceId, id, cancellationToken))!;
            }, cancellationToken);
            return new Response(endpoint, secret);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("", async (Request request, IMediator mediator, CancellationToken ct) =>
            {
                var response = await mediator.Send(request, ct);
                return Results.Created($"/api/v1/webhooks/endpoints/{response.Endpoint.Id}", response);
            })
            .RequireAuthorization(Policies.Admin)
            // Not idempotent on purpose: a replay would need the secret stored with the response.
            .WithName(nameof(CreateWebhookEndpoint))
            .WithSummary("Register a webhook endpoint (admin): https URL, event types, description; the signing secret is shown once")
            .Produces<Response>(StatusCodes.Status201Created);
}
