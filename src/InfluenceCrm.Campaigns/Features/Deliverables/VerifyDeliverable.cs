using FluentValidation;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Campaigns.Features;

/// <summary>Someone checked the live post against what was approved: published → verified.</summary>
public static class VerifyDeliverable
{
    public sealed record Body(string? Comment);

    public sealed record Request(string CampaignId, string DeliverableId, string? Comment, long? ExpectedVersion) : IRequest<DeliverableView>;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator() => RuleFor(r => r.Comment).MaximumLength(5000);
    }

    internal sealed class Handler(DeliverableWorkflow workflow) : IRequestHandler<Request, DeliverableView>
    {
        public Task<DeliverableView> Handle(Request r, CancellationToken cancellationToken) =>
            workflow.MoveAsync(r.CampaignId, r.DeliverableId, r.ExpectedVersion, "verify",
                (d, _) => new DeliverableWorkflow.Change(d.Draft, d.Publication, r.Comment, d.Publication?.FinalCaption), cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id}/deliverables/{deliverableId}/verification", async (string id, string deliverableId, Body? body, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var expected = ETags.RequiredVersion(http);
                var deliverable = await mediator.Send(new Request(id, deliverableId, body?.Comment, expected), ct);
                return ETags.Ok(http, deliverable, deliverable.Version);
            })
            .RequireAuthorization(Policies.Approve)
            .WithName(nameof(VerifyDeliverable))
            .WithMetadata(ETags.Answered.Instance)
            .WithMetadata(ETags.IfMatchRequired.Instance)
            .WithSummary("Mark a published deliverable verified (brand, legal, admin; If-Match required)")
            .Produces<DeliverableView>();
}
