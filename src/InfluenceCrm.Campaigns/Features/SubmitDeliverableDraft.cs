using FluentValidation;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Campaigns.Features;

/// <summary>A creator's draft (caption and media references): planned → draft_submitted, changes_requested → resubmitted.</summary>
public static class SubmitDeliverableDraft
{
    public sealed record Body(string? Caption, IReadOnlyList<string>? Media, string? Comment);

    public sealed record Request(string CampaignId, string DeliverableId, string? Caption, IReadOnlyList<string>? Media, string? Comment, long? ExpectedVersion)
        : IRequest<DeliverableView>;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Caption).NotEmpty().WithMessage("caption is required.").MaximumLength(10_000);
            RuleFor(r => r.Media).Must(m => m is null || m.Count <= 30).WithMessage("At most 30 media references.");
            RuleForEach(r => r.Media).Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(2048)
                .Must(DraftView.IsWebLink).WithMessage("Each media reference is an absolute http or https URL.");
            RuleFor(r => r.Comment).MaximumLength(5000);
        }
    }

    internal sealed class Handler(DeliverableWorkflow workflow) : IRequestHandler<Request, DeliverableView>
    {
        public Task<DeliverableView> Handle(Request r, CancellationToken cancellationToken) =>
            workflow.MoveAsync(r.CampaignId, r.DeliverableId, r.ExpectedVersion, "submit",
                (_, _) => new DeliverableWorkflow.Change(new DraftView(r.Caption, r.Media ?? []), null, r.Comment, r.Caption), cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id}/deliverables/{deliverableId}/drafts", async (string id, string deliverableId, Body body, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var expected = ETags.RequiredVersion(http);
                var deliverable = await mediator.Send(new Request(id, deliverableId, body.Caption, body.Media, body.Comment, expected), ct);
                return ETags.Ok(http, deliverable, deliverable.Version);
            })
            .RequireAuthorization(Policies.Write)
            .WithName(nameof(SubmitDeliverableDraft))
            .WithMetadata(ETags.Answered.Instance)
            .WithMetadata(ETags.IfMatchRequired.Instance)
            .WithSummary("Submit (or resubmit) a draft for review (If-Match: the deliverable's ETag)")
            .Produces<DeliverableView>();
}
