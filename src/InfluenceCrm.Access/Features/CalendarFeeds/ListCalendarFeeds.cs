using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Access.Features;

/// <summary>The workspace's calendar subscriptions, revoked ones included, never their secrets. A workspace has a handful: one page.</summary>
public static class ListCalendarFeeds
{
    public sealed record Request : IRequest<Page<CalendarFeedView>>;

    internal sealed class Handler(Caller caller, AccessStore store) : IRequestHandler<Request, Page<CalendarFeedView>>
    {
        public async Task<Page<CalendarFeedView>> Handle(Request request, CancellationToken cancellationToken) =>
            new((await store.ListFeedsAsync(caller.WorkspaceId, cancellationToken)).Select(CalendarFeedView.From).ToList(), null);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("", async (IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new Request(), ct)))
            .RequireAuthorization(Policies.CalendarFeeds)
            .WithName(nameof(ListCalendarFeeds))
            .WithSummary("List the calendar subscriptions (admin, brand), without their secrets")
            .Produces<Page<CalendarFeedView>>();
}
