using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.Campaigns.Features;

/// <summary>
/// The portal's list: the deliverables the signed-in creator owes this workspace (every campaign), in due-date order. Only a
/// portal request acting as a creator may ask (<see cref="Caller.PortalCreatorId"/>); it sees that creator's deliverables only.
/// </summary>
public static class ListMyDeliverables
{
    public const int MaxItems = 200;

    public sealed record Request : IRequest<IReadOnlyList<CalendarEntry>>;

    internal sealed class Handler(Caller caller, DeliverableQuery query) : IRequestHandler<Request, IReadOnlyList<CalendarEntry>>
    {
        public async Task<IReadOnlyList<CalendarEntry>> Handle(Request request, CancellationToken cancellationToken)
        {
            var creatorId = caller.PortalCreatorId ?? throw new ForbiddenException("Only a creator signed in to the portal has deliverables of their own.");
            return (await query.PageAsync(new DeliverableFilter { CreatorId = creatorId }, MaxItems, null, cancellationToken)).Items;
        }
    }
}
