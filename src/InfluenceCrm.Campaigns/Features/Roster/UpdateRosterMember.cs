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

/// <summary>
/// Moves a roster member invited → negotiating → confirmed | declined | removed (and back to invited), and sets the
/// agreed fee. Confirming needs a fee (0 for a gifting deal). If-Match: the member's ETag.
/// </summary>
public static class UpdateRosterMember
{
    public sealed record Body(string? Status, Money? AgreedFee, string? Notes);

    public sealed record Request(string CampaignId, string MemberId, string? Status, Money? AgreedFee, string? Notes, long? ExpectedVersion)
        : IRequest<RosterMemberView>;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Status).Must(s => CampaignRules.RosterStatuses.Contains(s!))
                .WithMessage($"status must be one of: {string.Join(", ", CampaignRules.RosterStatuses)}.").When(r => r.Status is not null);
            RuleFor(r => r.AgreedFee!).SetValidator(new MoneyValidator()).When(r => r.AgreedFee is not null);
            RuleFor(r => r.Notes).MaximumLength(5000);
        }
    }

    internal sealed class Handler(Db db, Caller caller, CampaignStore store, IMediator mediator) : IRequestHandler<Request, RosterMemberView>
    {
        public async Task<RosterMemberView> Handle(Request request, CancellationToken cancellationToken)
        {
            var row = await db.InTransactionAsync(async (c, tx) =>
            {
                var campaign = await store.LoadCampaignAsync(c, caller.WorkspaceId, request.CampaignId, tx, cancellationToken);
                var member = await store.LoadMemberAsync(c, caller.WorkspaceId, campaign.Id, request.MemberId, tx, cancellationToken);
                ETags.Check(request.ExpectedVersion, member.Version);
                if (!CampaignRules.OpenStatuses.Contains(campaign.Status))
                {
                    throw new ConflictException($"The campaign is {campaign.Status}; its roster is closed.");
                }

                var status = request.Status ?? member.Status;
                if (status != member.Status && !CampaignRules.RosterTransitions[member.Status].Contains(status))
                {
                    throw new ConflictException(
                        $"A roster member cannot go from {member.Status} to {status}; from {member.Status}: {string.Join(", ", CampaignRules.RosterTransitions[member.Status])}.");
                }

                var fee = request.AgreedFee ?? member.Fee;
                if (status == "confirmed" && fee is null)
                {
                    throw new ConflictException("Confirming needs the agreed fee (agreedFee; amount 0 for a gifting deal).");
                }

                if (member.Status == "confirmed" && request.AgreedFee is not null && request.AgreedFee != member.Fee)
                {
                    throw new ConflictException("The fee of a confirmed creator is agreed; remove and re-invite, or amend the contract.");
                }

                var changed = await c.ExecuteAsync(CampaignStore.UpdateMember, new
                {
                    member.Id,
                    CampaignId = campaign.Id,
                    caller.WorkspaceId,
                    Status = status,
                    FeeAmount = fee?.Amount,
                    FeeCurrency = fee?.Currency,
                    Notes = request.Notes ?? member.Notes,
                    member.Version,
                    store.Now,
                }, tx, cancellationToken);
                if (changed == 0)
                {
                    throw new PreconditionFailedException(ETags.For(member.Version + 1));
                }

                return await store.LoadMemberAsync(c, caller.WorkspaceId, campaign.Id, member.Id, tx, cancellationToken);
            }, cancellationToken);
            var creators = await mediator.Send(new GetCreatorSummaries.Request([row.CreatorId]), cancellationToken);
            return Roster.View(row, creators.GetValueOrDefault(row.CreatorId));
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPatch("/{id}/roster/{memberId}", async (string id, string memberId, Body body, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var expected = ETags.RequiredVersion(http);
                var member = await mediator.Send(new Request(id, memberId, body.Status, body.AgreedFee, body.Notes, expected), ct);
                return ETags.Ok(http, member, member.Version);
            })
            .RequireAuthorization(Policies.Write)
            .WithName(nameof(UpdateRosterMember))
            .WithMetadata(ETags.Answered.Instance)
            .WithMetadata(ETags.IfMatchRequired.Instance)
            .WithSummary("Change a roster member's status or agreed fee (If-Match: the member's ETag)")
            .Produces<RosterMemberView>();
}
