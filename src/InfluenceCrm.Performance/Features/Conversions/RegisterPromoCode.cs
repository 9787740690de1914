using FluentValidation;
using InfluenceCrm.Campaigns.PublicQueries;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Performance.Features.Conversions;

/// <summary>A promo code of a creator in a campaign (optionally of one deliverable): conversions using it are theirs.</summary>
public static class RegisterPromoCode
{
    public sealed record Request(string? Code, string? CampaignId, string? CreatorId, string? DeliverableId) : IRequest<Response>;

    public sealed record Response(string Id, string Code, string CampaignId, string CreatorId, string? DeliverableId);

    public static readonly Sql Insert = Sql.Both("""
        INSERT INTO perf_promo_codes (id, workspace_id, code, campaign_id, creator_id, deliverable_id, created_at)
        VALUES (@Id, @WorkspaceId, @Code, @CampaignId, @CreatorId, @DeliverableId, @Now)
        """);

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Code).NotEmpty().Matches("^[A-Za-z0-9_-]{2,64}$").WithMessage("code is 2-64 letters, digits, - or _.");
            RuleFor(r => r.CampaignId).NotEmpty();
            RuleFor(r => r.CreatorId).NotEmpty();
        }
    }

    internal sealed class Handler(Db db, Caller caller, IMediator mediator, TimeProvider clock) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request r, CancellationToken cancellationToken)
        {
            var plan = await mediator.Send(new GetCampaignPlan.Request(r.CampaignId!), cancellationToken);
            if (r.DeliverableId is not null && plan.Deliverables.All(d => d.Id != r.DeliverableId || d.CreatorId != r.CreatorId))
            {
                throw new ValidationException([new FluentValidation.Results.ValidationFailure("deliverableId",
                    "No such deliverable of this creator in the campaign.")]);
            }

            // The campaign plan is the caller's workspace's: a creator on it is too (any other id, another workspace's included, is refused).
            if (plan.Deliverables.All(d => d.CreatorId != r.CreatorId) && plan.AgreedFees.All(f => f.CreatorId != r.CreatorId))
            {
                throw new ValidationException([new FluentValidation.Results.ValidationFailure("creatorId", "This creator is not on the campaign.")]);
            }

            var id = Ids.New("promo");
            var code = r.Code!.ToUpperInvariant();
            await using var c = await db.OpenAsync(cancellationToken);
            try
            {
                await c.ExecuteAsync(Insert,
                    new { Id = id, caller.WorkspaceId, Code = code, CampaignId = plan.Id, r.CreatorId, r.DeliverableId, Now = clock.GetUtcNow() },
                    ct: cancellationToken);
            }
            catch (Exception e) when (DbErrors.IsUniqueViolation(e))
            {
                throw new ConflictException($"The promo code {code} is already registered in this workspace.");
            }

            return new Response(id, code, plan.Id, r.CreatorId!, r.DeliverableId);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/promo-codes", async (Request request, IMediator mediator, CancellationToken ct) =>
            {
                var response = await mediator.Send(request, ct);
                return Results.Created($"/api/v1/promo-codes/{response.Id}", response);
            })
            .RequireAuthorization(Policies.Write)
            .Idempotent()
            .WithName(nameof(RegisterPromoCode))
            .WithSummary("Register a promo code for a creator in a campaign")
            .Produces<Response>(StatusCodes.Status201Created);
}
