using FluentValidation;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Campaigns.Features;

/// <summary>
/// Records the publication of an approved deliverable: post URL, time, final caption, the disclosure shown on screen
/// and spoken, and whether the platform's paid-partnership label was used. The campaign must be live.
/// </summary>
public static class PublishDeliverable
{
    /// <param name="EarlyPublicationReason">Publishing before the campaign's start date is refused unless a reason is given (kept in the deliverable's history).</param>
    public sealed record Body(string? PostUrl, DateTimeOffset? PublishedAt, string? FinalCaption, string? OnScreenText, string? SpokenText, bool? PaidPartnershipLabel,
        string? EarlyPublicationReason = null);

    public sealed record Request(string CampaignId, string DeliverableId, Body Publication, long? ExpectedVersion) : IRequest<DeliverableView>;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(r => r.Publication.PostUrl).Must(Vocabulary.IsHttpUrl).WithMessage("postUrl must be the absolute http(s) URL of the post.")
                .MaximumLength(2048).OverridePropertyName("postUrl");
            RuleFor(r => r.Publication.PublishedAt).NotNull().LessThanOrEqualTo(_ => clock.GetUtcNow().AddMinutes(5))
                .WithMessage("publishedAt is required and cannot be in the future.").OverridePropertyName("publishedAt");
            RuleFor(r => r.Publication.FinalCaption).MaximumLength(10_000).OverridePropertyName("finalCaption");
            RuleFor(r => r.Publication.EarlyPublicationReason).MaximumLength(1000).OverridePropertyName("earlyPublicationReason");
            RuleFor(r => r.Publication.OnScreenText).MaximumLength(5000).OverridePropertyName("onScreenText");
            RuleFor(r => r.Publication.SpokenText).MaximumLength(10_000).OverridePropertyName("spokenText");
            RuleFor(r => r.Publication.PaidPartnershipLabel).NotNull()
                .WithMessage("paidPartnershipLabel is required: say whether the platform's paid-partnership label was used.")
                .OverridePropertyName("paidPartnershipLabel");
        }
    }

    internal sealed class Handler(DeliverableWorkflow workflow) : IRequestHandler<Request, DeliverableView>
    {
        public Task<DeliverableView> Handle(Request r, CancellationToken cancellationToken) =>
            workflow.MoveAsync(r.CampaignId, r.DeliverableId, r.ExpectedVersion, "publish", (d, campaign) =>
            {
                if (campaign.Status != "live")
                {
                    throw new ConflictException($"The campaign is {campaign.Status}; content is published once it is live.");
                }

                var p = r.Publication;
                var early = campaign.StartsOn is { } starts && DateOnly.FromDateTime(p.PublishedAt!.Value.UtcDateTime) < starts;
                if (early && string.IsNullOrWhiteSpace(p.EarlyPublicationReason))
                {
                    throw new ConflictException($"The campaign starts on {campaign.StartsOn:yyyy-MM-dd}: to publish before, confirm with a reason (earlyPublicationReason); it is recorded.");
                }

                return new DeliverableWorkflow.Change(d.Draft,
                    new PublicationView(p.PostUrl, p.PublishedAt, p.FinalCaption ?? d.Draft?.Caption, p.OnScreenText, p.SpokenText, p.PaidPartnershipLabel),
                    early ? $"Published before the campaign's start: {p.EarlyPublicationReason!.Trim()}" : null, p.FinalCaption ?? d.Draft?.Caption);
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id}/deliverables/{deliverableId}/publication", async (string id, string deliverableId, Body body, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var expected = ETags.RequiredVersion(http);
                var deliverable = await mediator.Send(new Request(id, deliverableId, body, expected), ct);
                return ETags.Ok(http, deliverable, deliverable.Version);
            })
            .RequireAuthorization(Policies.Write)
            .WithName(nameof(PublishDeliverable))
            .WithMetadata(ETags.Answered.Instance)
            .WithMetadata(ETags.IfMatchRequired.Instance)
            .WithSummary("Mark an approved deliverable published (If-Match required; the campaign must be live)")
            .Produces<DeliverableView>();
}
