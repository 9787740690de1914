using FluentValidation;
using InfluenceCrm.Campaigns.Disclosure;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Campaigns.Features;

/// <summary>
/// Runs the disclosure check on a deliverable — its published caption (else its draft), on-screen and spoken text and
/// label, in its market, paid or gifted per the roster fee — with the facts legal adds (retouched body, AI-generated
/// person, product category, story-frame texts), and keeps the verdict with its rules version.
/// </summary>
public static class CheckDeliverableDisclosure
{
    public sealed record Body(bool? RetouchedBody, bool? AiGeneratedPerson, string? ProductCategory, IReadOnlyList<CheckDisclosure.StoryFrame>? StoryFrames,
        string? Language = null, string? DisclosureTiming = null, bool? BrandControl = null, bool? AimedAtYoungPeople = null);

    public sealed record Request(string CampaignId, string DeliverableId, DisclosureFacts Facts) : IRequest<StoredVerdict>;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Facts.ProductCategory).Must(c => CheckDisclosure.ProductCategories.Contains(c!)).When(r => r.Facts.ProductCategory is not null)
                .WithMessage($"productCategory is one of: {string.Join(", ", CheckDisclosure.ProductCategories)}.").OverridePropertyName("productCategory");
            RuleFor(r => r.Facts.Language).Must(l => InfluenceCrm.Platform.Vocabulary.Languages.Contains(l!)).When(r => r.Facts.Language is not null)
                .WithMessage("language is an ISO 639-1 code, e.g. fr.").OverridePropertyName("language");
            RuleFor(r => r.Facts.DisclosureTiming).Must(t => CheckDisclosure.Timings.Contains(t!)).When(r => r.Facts.DisclosureTiming is not null)
                .WithMessage($"disclosureTiming is one of: {string.Join(", ", CheckDisclosure.Timings)}.").OverridePropertyName("disclosureTiming");
        }
    }

    internal sealed class Handler(Db db, Caller caller, CampaignStore store, DeliverableDisclosure disclosure) : IRequestHandler<Request, StoredVerdict>
    {
        public Task<StoredVerdict> Handle(Request r, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var campaign = await store.LoadCampaignAsync(c, caller.WorkspaceId, r.CampaignId, tx, cancellationToken);
                var deliverable = await store.LoadDeliverableAsync(c, caller.WorkspaceId, campaign.Id, r.DeliverableId, tx, cancellationToken);
                return await disclosure.CheckAsync(c, tx, campaign, deliverable, r.Facts, cancellationToken);
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id}/deliverables/{deliverableId}/disclosure-check", async (string id, string deliverableId, Body? body, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new Request(id, deliverableId, new DisclosureFacts(body?.RetouchedBody ?? false, body?.AiGeneratedPerson ?? false,
                    body?.ProductCategory, body?.StoryFrames?.Select(f => f?.Text).ToList(), body?.Language, body?.DisclosureTiming, body?.BrandControl,
                    body?.AimedAtYoungPeople)), ct)))
            .RequireAuthorization(Policies.Approve)
            .WithName(nameof(CheckDeliverableDisclosure))
            .WithSummary("Check a deliverable's disclosure and keep the verdict with its rules version (admin, brand, legal)")
            .Produces<StoredVerdict>();
}
