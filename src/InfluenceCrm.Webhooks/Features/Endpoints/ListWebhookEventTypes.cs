using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Platform.Webhooks;
using MediatR;

namespace InfluenceCrm.Webhooks.Features;

/// <summary>The catalogue of webhook event types, with what each one's data holds. The whole catalogue fits one page.</summary>
public static class ListWebhookEventTypes
{
    public sealed record Request : IRequest<Page<EventType>>;

    /// <summary>One event type: its wire name (never renamed: receivers switch on it) and what its data holds.</summary>
    public sealed record EventType(string Type, string Description);

    internal sealed class Handler(WebhookEventTypes catalogue) : IRequestHandler<Request, Page<EventType>>
    {
        public Task<Page<EventType>> Handle(Request request, CancellationToken cancellationToken) =>
            Task.FromResult(new Page<EventType>([.. catalogue.All.Select(t => new EventType(t.Type, t.Description))], null));
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/event-types", async (IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new Request(), ct)))
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(ListWebhookEventTypes))
            .WithSummary("The webhook event types an endpoint can subscribe to, with what each one's data holds (one page: the catalogue is small)")
            .Produces<Page<EventType>>();
}
