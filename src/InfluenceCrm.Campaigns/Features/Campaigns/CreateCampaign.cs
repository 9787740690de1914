using FluentValidation;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Campaigns.Features;

/// <summary>A new campaign starts as a draft.</summary>
public static class CreateCampaign
{
    public sealed record Request : CampaignFields, IRequest<CampaignView>;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator() => Include(new CampaignFieldsValidator());
    }

    internal sealed class Handler(Db db, Caller caller, CampaignStore store) : IRequestHandler<Request, CampaignView>
    {
        public Task<CampaignView> Handle(Request request, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var id = InfluenceCrm.Platform.Ids.New("cmp");
                await c.ExecuteAsync(CampaignStore.InsertCampaign, store.CampaignParameters(id, caller.WorkspaceId, request, 1), tx, cancellationToken);
                return await store.LoadCampaignAsync(c, caller.WorkspaceId, id, tx, cancellationToken);
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("", async (Request request, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var campaign = await mediator.Send(request, ct);
                return ETags.Created(http, $"/api/v1/campaigns/{campaign.Id}", campaign, campaign.Version);
            })
            .RequireAuthorization(Policies.Write)
            .Idempotent()
            .WithName(nameof(CreateCampaign))
            .WithMetadata(ETags.Answered.Instance)
            .WithSummary("Create a campaign (status draft)")
            .Produces<CampaignView>(StatusCodes.Status201Created);
}
