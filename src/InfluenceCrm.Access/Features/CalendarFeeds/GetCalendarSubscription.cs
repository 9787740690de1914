using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Access.Features;

/// <summary>One calendar subscription, never its secret: what the Location of POST /calendar-feeds names.</summary>
public static class GetCalendarSubscription
{
    public sealed record Request(string Id) : IRequest<CalendarFeedView>;

    internal sealed class Handler(Caller caller, AccessStore store) : IRequestHandler<Request, CalendarFeedView>
    {
        public async Task<CalendarFeedView> Handle(Request request, CancellationToken cancellationToken) =>
            CalendarFeedView.From(await store.FindFeedAsync(caller.WorkspaceId, request.Id, cancellationToken)
                ?? throw new NotFoundException("calendar feed", request.Id));
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/{id}", async (string id, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new Request(id), ct)))
            .RequireAuthorization(Policies.CalendarFeeds)
            .WithName(nameof(GetCalendarSubscription))
            .WithSummary("Read a calendar subscription (admin, brand), without its secret")
            .Produces<CalendarFeedView>();
}
