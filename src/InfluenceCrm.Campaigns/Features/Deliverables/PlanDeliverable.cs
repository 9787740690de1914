using FluentValidation;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Campaigns.Features;

/// <summary>Plans one piece of content owed by a roster member: platform, format, market, due date.</summary>
public static class PlanDeliverable
{
    public sealed record Request : IRequest<DeliverableView>
    {
        public string CampaignId { get; init; } = "";
        public string? RosterMemberId { get; init; }
        public string? Platform { get; init; }
        public string? Format { get; init; }
        /// <summary>For stories: how many frames.</summary>
        public int? StoryFrames { get; init; }
        public string? Market { get; init; }
        public DateOnly? DueOn { get; init; }
        public string? Title { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.RosterMemberId).NotEmpty();
            RuleFor(r => r.Platform).Must(p => p is not null && Vocabulary.Platforms.Contains(p))
                .WithMessage($"platform must be one of: {Vocabulary.ListOf(Vocabulary.Platforms)}.");
            RuleFor(r => r.Format).Must(f => f is not null && CampaignRules.Formats.Contains(f))
                .WithMessage($"format must be one of: {string.Join(", ", CampaignRules.Formats)}.");
            RuleFor(r => r.StoryFrames).NotNull().InclusiveBetween(1, 100).WithMessage("A story needs storyFrames between 1 and 100.")
                .When(r => r.Format == "story");
            RuleFor(r => r.StoryFrames).Null().WithMessage("storyFrames is for stories only.").When(r => r.Format is not null && r.Format != "story");
            RuleFor(r => r.Market).Must(m => m is not null && Vocabulary.Countries.Contains(m))
                .WithMessage("market must be an ISO 3166-1 alpha-2 code in capitals, e.g. FR.");
            RuleFor(r => r.DueOn).NotNull().WithMessage("dueOn is required (yyyy-MM-dd).");
            RuleFor(r => r.Title).MaximumLength(200);
        }
    }

    internal sealed class Handler(Db db, Caller caller, CampaignStore store) : IRequestHandler<Request, DeliverableView>
    {
        public Task<DeliverableView> Handle(Request request, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var campaign = await store.LoadCampaignAsync(c, caller.WorkspaceId, request.CampaignId, tx, cancellationToken);
                if (!CampaignRules.OpenStatuses.Contains(campaign.Status))
                {
                    throw new ConflictException($"The campaign is {campaign.Status}; no deliverable can be planned.");
                }

                var member = await c.QuerySingleOrDefaultAsync<CampaignStore.MemberRow>(CampaignStore.LoadMember,
                    new { caller.WorkspaceId, CampaignId = campaign.Id, Id = request.RosterMemberId }, tx, cancellationToken)
                    ?? throw new ValidationException([new FluentValidation.Results.ValidationFailure("rosterMemberId", "No such member on this campaign's roster.")]);
                if (member.Status is "declined" or "removed")
                {
                    throw new ConflictException($"The roster member is {member.Status}; invite them again before planning content.");
                }

                if (campaign.Platforms.Count > 0 && !campaign.Platforms.Contains(request.Platform!))
                {
                    throw new ConflictException($"The campaign runs on {string.Join(", ", campaign.Platforms)}, not {request.Platform}.");
                }

                if (campaign.Markets.Count > 0 && !campaign.Markets.Contains(request.Market!))
                {
                    throw new ConflictException($"The campaign's markets are {string.Join(", ", campaign.Markets)}, not {request.Market}.");
                }

                var id = Ids.New("dlv");
                await c.ExecuteAsync(CampaignStore.InsertDeliverable, new
                {
                    Id = id,
                    caller.WorkspaceId,
                    CampaignId = campaign.Id,
                    RosterId = member.Id,
                    member.CreatorId,
                    request.Platform,
                    request.Format,
                    request.StoryFrames,
                    request.Market,
                    request.DueOn,
                    request.Title,
                    store.Now,
                }, tx, cancellationToken);
                return await store.LoadDeliverableAsync(c, caller.WorkspaceId, campaign.Id, id, tx, cancellationToken);
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id}/deliverables", async (string id, Request request, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                if (!string.IsNullOrEmpty(request.CampaignId))
                {
                    throw new BadRequestException("campaignId comes from the URL; leave it out of the body.");
                }

                var deliverable = await mediator.Send(request with { CampaignId = id }, ct);
                return ETags.Created(http, $"/api/v1/campaigns/{id}/deliverables/{deliverable.Id}", deliverable, deliverable.Version);
            })
            .RequireAuthorization(Policies.Write)
            .Idempotent()
            .WithName(nameof(PlanDeliverable))
            .WithMetadata(ETags.Answered.Instance)
            .WithSummary("Plan a deliverable for a roster member (platform, format, market, due date)")
            .Produces<DeliverableView>(StatusCodes.Status201Created);
}
