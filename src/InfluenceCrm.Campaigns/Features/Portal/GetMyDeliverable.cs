using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.Campaigns.Features;

/// <summary>
/// The portal's deliverable: what the creator owes (platform, format, due date, status), the campaign's brief, the current draft
/// and every review step with its comment. Only the creator it belongs to reads it: any other deliverable is 404, as in another
/// workspace. The steps say what happened, not which of the brand's keys or people did it.
/// </summary>
public static class GetMyDeliverable
{
    public sealed record Request(string CampaignId, string DeliverableId) : IRequest<Response>;

    public sealed record Response(DeliverableView Deliverable, string CampaignName, Brief Brief, IReadOnlyList<Step> Steps);

    /// <param name="ByCreator">The step was the creator's own (a draft), not the brand's.</param>
    public sealed record Step(DateTimeOffset OccurredAt, string Action, string ToStatus, string? Comment, string? Caption, bool ByCreator);

    internal sealed class Handler(Db db, Caller caller, CampaignStore store) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            var creatorId = caller.PortalCreatorId ?? throw new ForbiddenException("Only a creator signed in to the portal reads deliverables here.");
            await using var c = await db.OpenAsync(cancellationToken);
            var deliverable = await store.LoadDeliverableAsync(c, caller.WorkspaceId, request.CampaignId, request.DeliverableId, ct: cancellationToken);
            if (deliverable.CreatorId != creatorId)
            {
                throw new NotFoundException("deliverable", request.DeliverableId);
            }

            var campaign = await store.LoadCampaignAsync(c, caller.WorkspaceId, request.CampaignId, ct: cancellationToken);
            var steps = await store.LoadReviewsAsync(c, caller.WorkspaceId, deliverable.Id, ct: cancellationToken);
            return new Response(deliverable, campaign.Name, campaign.Brief,
                [.. steps.Select(s => new Step(s.OccurredAt, s.Step, s.ToStatus, s.Comment, s.Caption, s.Actor == creatorId))]);
        }
    }
}
