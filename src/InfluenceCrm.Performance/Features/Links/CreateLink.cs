using FluentValidation;
using FluentValidation.Results;
using InfluenceCrm.Campaigns.PublicQueries;
using InfluenceCrm.Performance.Links;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Performance.Features.Links;

/// <summary>
/// A tracked link for a deliverable (or a creator in a campaign): the destination gets utm_source (platform),
/// utm_medium=influencer, utm_campaign, utm_content (deliverable or creator), keeping its own parameters.
/// </summary>
public static class CreateLink
{
    public sealed record Request(string? CampaignId, string? DeliverableId, string? CreatorId, string? Platform, string? Destination, string? Code,
        DateTimeOffset? ExpiresAt) : IRequest<LinkView>;

    public sealed record LinkView(string Id, string Code, string ShortUrl, string CampaignId, string? DeliverableId, string CreatorId, string Platform,
        string BaseDestination, string Destination, string Status, DateTimeOffset? ExpiresAt, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
    {
        internal static LinkView From(PerfStore.LinkRow r, PublicUrls urls) =>
            new(r.Id, r.Code, urls.For($"/r/{r.Code}"), r.CampaignId, r.DeliverableId, r.CreatorId, r.Platform,
            r.BaseDestination, r.Destination, r.Status, r.ExpiresAt, r.Version, r.CreatedAt, r.UpdatedAt);
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.CampaignId).NotEmpty();
            RuleFor(r => r.CreatorId).NotEmpty().When(r => r.DeliverableId is null).WithMessage("Give a deliverableId, or a creatorId in the campaign.");
            RuleFor(r => r.Destination).Must(d => LinkRules.DestinationProblem(d) is null).WithMessage((_, d) => LinkRules.DestinationProblem(d)!)
                .MaximumLength(1800);
            RuleFor(r => r.Code).Matches("^[A-Za-z0-9_-]{3,64}$").When(r => r.Code is not null).WithMessage("A custom code is 3-64 letters, digits, - or _.");
            RuleFor(r => r.Platform).Must(p => Vocabulary.Platforms.Contains(p!)).When(r => r.Platform is not null)
                .WithMessage("platform is a known platform.");
        }
    }

    internal sealed class Handler(Db db, Caller caller, IMediator mediator, LinkCache cache, PublicUrls urls,
        TimeProvider clock) : IRequestHandler<Request, LinkView>
    {
        public async Task<LinkView> Handle(Request r, CancellationToken cancellationToken)
        {
            var plan = await mediator.Send(new GetCampaignPlan.Request(r.CampaignId!), cancellationToken);
            string creatorId, platform;
            if (r.DeliverableId is not null)
            {
                var deliverable = plan.Deliverables.SingleOrDefault(d => d.Id == r.DeliverableId)
                    ?? throw new ValidationException([new ValidationFailure("deliverableId", "No such deliverable in this campaign.")]);
                (creatorId, platform) = (deliverable.CreatorId, r.Platform ?? deliverable.Platform);
            }
            else
            {
                if (plan.Deliverables.All(d => d.CreatorId != r.CreatorId) && plan.AgreedFees.All(f => f.CreatorId != r.CreatorId))
                {
                    throw new ValidationException([new ValidationFailure("creatorId", "This creator is not confirmed on the campaign.")]);
                }

                (creatorId, platform) = (r.CreatorId!, r.Platform ?? "instagram");
            }

            var destination = LinkRules.WithUtm(r.Destination!, platform, LinkRules.CampaignSlug(plan.Name), r.DeliverableId ?? creatorId);
            if (LinkRules.FinalDestinationProblem(destination) is { } tooLong)
            {
                throw new ValidationException([new ValidationFailure("destination", tooLong)]);
            }

            return await db.InTransactionAsync(async (c, tx) =>
            {
                var id = Ids.New("lnk");
                var code = r.Code ?? LinkRules.NewCode();
                try
                {
                    await c.ExecuteAsync(PerfStore.InsertLink, new
                    {
                        Id = id,
                        caller.WorkspaceId,
                        Code = code,
                        CampaignId = plan.Id,
                        r.DeliverableId,
                        CreatorId = creatorId,
                        Platform = platform,
                        BaseDestination = r.Destination,
                        Destination = destination,
                        r.ExpiresAt,
                        Now = clock.GetUtcNow(),
                    }, tx, cancellationToken);
                }
                catch (Exception e) when (DbErrors.IsUniqueViolation(e))
                {
                    throw new ConflictException($"The code '{code}' is taken; choose another or let one be generated.");
                }

                var row = (await c.QuerySingleOrDefaultAsync<PerfStore.LinkRow>(PerfStore.LoadLink, new { caller.WorkspaceId, Id = id }, tx,
                    cancellationToken))!;
                cache.Apply(row);
                return LinkView.From(row, urls);
            }, cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("", async (Request request, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var link = await mediator.Send(request, ct);
                return ETags.Created(http, $"/api/v1/links/{link.Id}", link, link.Version);
            })
            .RequireAuthorization(Policies.Write)
            .Idempotent()
            .WithName(nameof(CreateLink))
            .WithMetadata(ETags.Answered.Instance)
            .WithSummary("Create a tracked link (UTM parameters added; generated or custom code)")
            .Produces<LinkView>(StatusCodes.Status201Created);
}
