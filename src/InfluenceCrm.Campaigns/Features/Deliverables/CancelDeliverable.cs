using FluentValidation;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Campaigns.Features;

/// <summary>
/// Cancels a deliverable that is not published yet (the content will not be made): any earlier status → cancelled, for good.
/// The reason is kept in its history; the step is audited and announced (deliverable.cancelled).
/// </summary>
public static class CancelDeliverable
{
    public sealed record Body(string? Reason);

    public sealed record Request(string CampaignId, string DeliverableId, string? Reason, long? ExpectedVersion) : IRequest<DeliverableView>;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator() => RuleFor(r => r.Reason).NotEmpty().WithMessage("Say why the deliverable is cancelled: reason is required.").MaximumLength(1000);
    }

    internal sealed class Handler(DeliverableWorkflow workflow) : IRequestHandler<Request, DeliverableView>
    {
        public Task<DeliverableView> Handle(Request r, CancellationToken cancellationToken) =>
            workflow.MoveAsync(r.CampaignId, r.DeliverableId, r.ExpectedVersion, "cancel",
                (d, _) => new DeliverableWorkflow.Change(d.Draft, d.Publication, r.Reason!.Trim(), d.Draft?.Caption), cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id}/deliverables/{deliverableId}/cancellation",
                async (string id, string deliverableId, Body body, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var expected = ETags.RequiredVersion(http);
                var deliverable = await mediator.Send(new Request(id, deliverableId, body.Reason, expected), ct);
                return ETags.Ok(http, deliverable, deliverable.Version);
            })
            .RequireAuthorization(Policies.Write)
            .WithName(nameof(CancelDeliverable))
            .WithMetadata(ETags.Answered.Instance)
            .WithMetadata(ETags.IfMatchRequired.Instance)
            .WithSummary("Cancel a deliverable not yet published, with a reason (If-Match required)")
            .Produces<DeliverableView>();
}
