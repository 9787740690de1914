using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Access.Features;

/// <summary>The subscription URL stops working on the next sync; revoking twice is harmless.</summary>
public static class RevokeCalendarFeed
{
    public sealed record Request(string Id) : IRequest<bool>;

    internal sealed class Handler(Db db, Caller caller, AccessStore store, AuditLog audit) : IRequestHandler<Request, bool>
    {
        public async Task<bool> Handle(Request request, CancellationToken cancellationToken)
        {
            _ = await store.RevokeFeedAsync(caller.WorkspaceId, request.Id, cancellationToken) ?? throw new NotFoundException("calendar feed", request.Id);
            await db.InTransactionAsync((c, tx) => audit.RecordAsync(c, tx, "calendar_feed.revoked", "calendar_feed", request.Id, ct: cancellationToken), cancellationToken);
            return true;
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapRevoke(id => new Request(id), Policies.CalendarFeeds, nameof(RevokeCalendarFeed), "Revoke a calendar subscription (admin, brand)");
}
