using FluentValidation;
using InfluenceCrm.Campaigns.PublicQueries;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Platform.Webhooks;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Campaigns.Features;

/// <summary>draft → planned → live → completed, and cancelled from any open state (see CampaignRules.StatusTransitions).</summary>
public static class ChangeCampaignStatus
{
    /// <param name="EarlyStartReason">Going live before the start date is refused unless a reason is given (it is recorded).</param>
    public sealed record Body(string? Status, string? EarlyStartReason = null);

    public sealed record Request(string Id, string? Status, long? ExpectedVersion, string? EarlyStartReason = null) : IRequest<CampaignView>;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Status).Must(s => s is not null && CampaignRules.Statuses.Contains(s))
                .WithMessage($"status must be one of: {string.Join(", ", CampaignRules.Statuses)}.");
            RuleFor(r => r.EarlyStartReason).MaximumLength(1000);
        }
    }

    internal sealed class Handler(Db db, Caller caller, CampaignStore store, AuditLog audit, WebhookOutbox webhooks) : IRequestHandler<Request, CampaignView>
    {
        public Task<CampaignView> Handle(Request request, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var campaign = await store.LoadCampaignAsync(c, caller.WorkspaceId, request.Id, tx, cancellationToken);
                ETags.Check(request.ExpectedVersion, campaign.Version);
                var target = request.Status!;
                if (target == campaign.Status)
                {
                    return campaign;
                }

                var allowed = CampaignRules.StatusTransitions[campaign.Status];
                if (!allowed.Contains(target))
                {
                    throw new ConflictException(allowed.Length == 0
                        ? $"The campaign is {campaign.Status}; that is final."
                        : $"A campaign cannot go from {campaign.Status} to {target}; from {campaign.Status} it can go to: {string.Join(", ", allowed)}.");
                }

                if (target is "planned" or "live" && (campaign.StartsOn is null || campaign.EndsOn is null))
                {
                    throw new ConflictException($"A campaign needs startsOn and endsOn before it is {target}.");
                }

                if (target == "live" && campaign.StartsOn > store.Today && string.IsNullOrWhiteSpace(request.EarlyStartReason))
                {
                    throw new ConflictException(
                        $"The campaign starts on {campaign.StartsOn:yyyy-MM-dd}: to go live before, confirm with a reason (earlyStartReason); it is recorded.");
                }

                var changed = await c.ExecuteAsync(CampaignStore.SetCampaignStatus,
                    new { campaign.Id, caller.WorkspaceId, Status = target, campaign.Version, store.Now }, tx, cancellationToken);
                if (changed == 0)
                {
                    throw new PreconditionFailedException(ETags.For(campaign.Version + 1));
                }

                await audit.RecordAsync(c, tx, $"campaign.{target}", "campaign", campaign.Id, new { from = campaign.Status, to = target, earlyStartReason = request.EarlyStartReason }, cancellationToken);
                var moved = await store.LoadCampaignAsync(c, caller.WorkspaceId, campaign.Id, tx, cancellationToken);
                await webhooks.PublishAsync(c, tx, CampaignEvents.CampaignStatusChanged, new { previousStatus = campaign.Status, campaign = moved }, cancellationToken);
                return moved;
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id}/status", async (string id, Body body, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var expected = ETags.RequiredVersion(http);
                var campaign = await mediator.Send(new Request(id, body.Status, expected, body.EarlyStartReason), ct);
                return ETags.Ok(http, campaign, campaign.Version);
            })
            .RequireAuthorization(Policies.Write)
            .WithName(nameof(ChangeCampaignStatus))
            .WithMetadata(ETags.Answered.Instance)
            .WithMetadata(ETags.IfMatchRequired.Instance)
            .WithSummary("Move a campaign along its lifecycle (If-Match required; 409 names the allowed next statuses)")
            .Produces<CampaignView>();
}
