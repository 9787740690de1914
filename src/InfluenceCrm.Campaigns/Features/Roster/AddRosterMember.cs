using FluentValidation;
using InfluenceCrm.Creators.PublicQueries;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Campaigns.Features;

/// <summary>Invites a creator of the workspace onto the campaign's roster.</summary>
public static class AddRosterMember
{
    public sealed record Body(string? CreatorId, Money? AgreedFee, string? Notes);

    public sealed record Request(string CampaignId, string? CreatorId, Money? AgreedFee, string? Notes) : IRequest<RosterMemberView>;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.CreatorId).NotEmpty().MaximumLength(40);
            RuleFor(r => r.AgreedFee!).SetValidator(new MoneyValidator()).When(r => r.AgreedFee is not null);
            RuleFor(r => r.Notes).MaximumLength(5000);
        }
    }

    internal sealed class Handler(Db db, Caller caller, CampaignStore store, IMediator mediator) : IRequestHandler<Request, RosterMemberView>
    {
        public async Task<RosterMemberView> Handle(Request request, CancellationToken cancellationToken)
        {
            var creators = await mediator.Send(new GetCreatorSummaries.Request([request.CreatorId!]), cancellationToken);
            if (!creators.TryGetValue(request.CreatorId!, out var creator))
            {
                throw new ValidationException([new FluentValidation.Results.ValidationFailure("creatorId", $"No creator with id '{request.CreatorId}' in this workspace.")]);
            }

            if (creator.IsErased || creator.DoNotContact)
            {
                throw new ConflictException(creator.IsErased
                    ? "This creator's personal data was erased; they cannot join a roster."
                    : "This creator is flagged do-not-contact; they cannot be invited.");
            }

            return await db.InTransactionAsync(async (c, tx) =>
            {
                var campaign = await store.LoadCampaignAsync(c, caller.WorkspaceId, request.CampaignId, tx, cancellationToken);
                if (!CampaignRules.OpenStatuses.Contains(campaign.Status))
                {
                    throw new ConflictException($"The campaign is {campaign.Status}; its roster is closed.");
                }

                var existing = await c.ExecuteScalarAsync<string>(CampaignStore.FindMemberByCreator,
                    new { caller.WorkspaceId, CampaignId = campaign.Id, CreatorId = creator.Id }, tx, cancellationToken);
                if (existing is not null)
                {
                    var conflict = new ConflictException($"Creator {creator.Id} is already on this roster as {existing}.");
                    conflict.Extensions["existingRosterMemberId"] = existing;
                    throw conflict;
                }

                var id = Ids.New("rm");
                await c.ExecuteAsync(CampaignStore.InsertMember, new
                {
                    Id = id,
                    caller.WorkspaceId,
                    CampaignId = campaign.Id,
                    CreatorId = creator.Id,
                    FeeAmount = request.AgreedFee?.Amount,
                    FeeCurrency = request.AgreedFee?.Currency,
                    request.Notes,
                    store.Now,
                }, tx, cancellationToken);
                var row = await store.LoadMemberAsync(c, caller.WorkspaceId, campaign.Id, id, tx, cancellationToken);
                return Roster.View(row, creator);
            }, cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id}/roster", async (string id, Body body, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var member = await mediator.Send(new Request(id, body.CreatorId, body.AgreedFee, body.Notes), ct);
                return ETags.Created(http, $"/api/v1/campaigns/{id}/roster/{member.Id}", member, member.Version);
            })
            .RequireAuthorization(Policies.Write)
            .Idempotent()
            .WithName(nameof(AddRosterMember))
            .WithMetadata(ETags.Answered.Instance)
            .WithSummary("Invite a creator onto the campaign roster")
            .Produces<RosterMemberView>(StatusCodes.Status201Created);
}
