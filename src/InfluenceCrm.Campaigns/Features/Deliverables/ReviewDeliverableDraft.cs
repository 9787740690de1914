using FluentValidation;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Campaigns.Features;

/// <summary>Brand or legal review of a submitted draft: approved, or changes_requested (with a comment saying what).</summary>
public static class ReviewDeliverableDraft
{
    public static readonly string[] Verdicts = ["approved", "changes_requested"];

    public sealed record Body(string? Verdict, string? Comment);

    public sealed record Request(string CampaignId, string DeliverableId, string? Verdict, string? Comment, long? ExpectedVersion) : IRequest<DeliverableView>;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Verdict).Must(v => v is not null && Verdicts.Contains(v)).WithMessage($"verdict must be one of: {string.Join(", ", Verdicts)}.");
            RuleFor(r => r.Comment).NotEmpty().WithMessage("Say what must change: comment is required with changes_requested.")
                .When(r => r.Verdict == "changes_requested");
            RuleFor(r => r.Comment).MaximumLength(5000);
        }
    }

    internal sealed class Handler(DeliverableWorkflow workflow) : IRequestHandler<Request, DeliverableView>
    {
        public Task<DeliverableView> Handle(Request r, CancellationToken cancellationToken) =>
            workflow.MoveAsync(r.CampaignId, r.DeliverableId, r.ExpectedVersion, r.Verdict == "approved" ? "approve" : "request_changes",
                (d, _) => new DeliverableWorkflow.Change(d.Draft, d.Publication, r.Comment, d.Draft?.Caption), cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id}/deliverables/{deliverableId}/reviews", async (string id, string deliverableId, Body body, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var expected = ETags.RequiredVersion(http);
                var deliverable = await mediator.Send(new Request(id, deliverableId, body.Verdict, body.Comment, expected), ct);
                return ETags.Ok(http, deliverable, deliverable.Version);
            })
            .RequireAuthorization(Policies.Approve)
            .WithName(nameof(ReviewDeliverableDraft))
            .WithMetadata(ETags.Answered.Instance)
            .WithMetadata(ETags.IfMatchRequired.Instance)
            .WithSummary("Approve a draft or request changes (brand, legal, admin; If-Match required)")
            .Produces<DeliverableView>();
}
