using FluentValidation;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Campaigns.Features;

/// <summary>
/// Replaces a deliverable's plan — title, due date, format and story frames (PUT semantics: send them all) — until it is
/// published. Its creator, platform and market stay: plan another deliverable for another one. If-Match: the deliverable's ETag.
/// </summary>
public static class UpdateDeliverable
{
    public sealed record Body(string? Title, DateOnly? DueOn, string? Format, int? StoryFrames);

    public sealed record Request(string CampaignId, string DeliverableId, Body Plan, long? ExpectedVersion) : IRequest<DeliverableView>;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Plan.Title).MaximumLength(200).OverridePropertyName("title");
            RuleFor(r => r.Plan.DueOn).NotNull().WithMessage("dueOn is required (yyyy-MM-dd).").OverridePropertyName("dueOn");
            RuleFor(r => r.Plan.Format).Must(f => f is not null && CampaignRules.Formats.Contains(f))
                .WithMessage($"format must be one of: {string.Join(", ", CampaignRules.Formats)}.").OverridePropertyName("format");
            RuleFor(r => r.Plan.StoryFrames).NotNull().InclusiveBetween(1, 100).WithMessage("A story needs storyFrames between 1 and 100.")
                .OverridePropertyName("storyFrames").When(r => r.Plan.Format == "story");
            RuleFor(r => r.Plan.StoryFrames).Null().WithMessage("storyFrames is for stories only.")
                .OverridePropertyName("storyFrames").When(r => r.Plan.Format is not null && r.Plan.Format != "story");
        }
    }

    internal sealed class Handler(Db db, Caller caller, CampaignStore store) : IRequestHandler<Request, DeliverableView>
    {
        public Task<DeliverableView> Handle(Request request, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var campaign = await store.LoadCampaignAsync(c, caller.WorkspaceId, request.CampaignId, tx, cancellationToken);
                var deliverable = await store.LoadDeliverableAsync(c, caller.WorkspaceId, campaign.Id, request.DeliverableId, tx, cancellationToken);
                ETags.Check(request.ExpectedVersion, deliverable.Version);
                if (!CampaignRules.OpenStatuses.Contains(campaign.Status))
                {
                    throw new ConflictException($"The campaign is {campaign.Status}; its deliverables no longer change.");
                }

                if (!DeliverableWorkflow.Editable.Contains(deliverable.Status))
                {
                    throw new ConflictException($"A deliverable that is {deliverable.Status} keeps its plan.");
                }

                var plan = request.Plan;
                var changed = await c.ExecuteAsync(CampaignStore.UpdateDeliverablePlan, new
                {
                    deliverable.Id,
                    caller.WorkspaceId,
                    Title = string.IsNullOrWhiteSpace(plan.Title) ? null : plan.Title.Trim(),
                    plan.DueOn,
                    plan.Format,
                    plan.StoryFrames,
                    deliverable.Version,
                    store.Now,
                }, tx, cancellationToken);
                if (changed == 0)
                {
                    throw new PreconditionFailedException(ETags.For(deliverable.Version + 1));
                }

                return await store.LoadDeliverableAsync(c, caller.WorkspaceId, campaign.Id, deliverable.Id, tx, cancellationToken);
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPut("/{id}/deliverables/{deliverableId}",
                async (string id, string deliverableId, Body body, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var expected = ETags.RequiredVersion(http);
                var deliverable = await mediator.Send(new Request(id, deliverableId, body, expected), ct);
                return ETags.Ok(http, deliverable, deliverable.Version);
            })
            .RequireAuthorization(Policies.Write)
            .WithName(nameof(UpdateDeliverable))
            .WithMetadata(ETags.Answered.Instance)
            .WithMetadata(ETags.IfMatchRequired.Instance)
            .WithSummary("Replace a deliverable's title, due date, format and story frames until it is published (If-Match required)")
            .Produces<DeliverableView>();
}
