using System.Text.Json;
using FluentValidation;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Campaigns.Features;

/// <summary>JSON merge patch of a campaign's fields (not its status); If-Match required. Closed campaigns are read-only.</summary>
public static class UpdateCampaign
{
    public sealed record Request(string Id, JsonElement Patch, long? ExpectedVersion) : IRequest<CampaignView>;

    private static readonly IReadOnlyDictionary<string, string> ReadOnly = new Dictionary<string, string>
    {
        ["status"] = "Change the status with POST /api/v1/campaigns/{id}/status.",
        ["id"] = "The id cannot change.",
    };

    internal sealed class Handler(Db db, Caller caller, CampaignStore store, IValidator<CampaignFields> validator) : IRequestHandler<Request, CampaignView>
    {
        public Task<CampaignView> Handle(Request request, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var current = await store.LoadCampaignAsync(c, caller.WorkspaceId, request.Id, tx, cancellationToken);
                ETags.Check(request.ExpectedVersion, current.Version);
                if (!CampaignRules.OpenStatuses.Contains(current.Status))
                {
                    throw new ConflictException($"The campaign is {current.Status}; a closed campaign cannot be edited.");
                }

                var fields = JsonMergePatch.Apply(current.ToFields(), request.Patch, ReadOnly);
                await validator.ValidateAndThrowAsync(fields, cancellationToken);
                var changed = await c.ExecuteAsync(CampaignStore.UpdateCampaign, store.CampaignParameters(current.Id, caller.WorkspaceId, fields, current.Version), tx, cancellationToken);
                if (changed == 0)
                {
                    throw new PreconditionFailedException(ETags.For(current.Version + 1));
                }

                return await store.LoadCampaignAsync(c, caller.WorkspaceId, current.Id, tx, cancellationToken);
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPatch("/{id}", async (string id, JsonElement patch, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var expected = ETags.RequiredVersion(http);
                var campaign = await mediator.Send(new Request(id, patch, expected), ct);
                return ETags.Ok(http, campaign, campaign.Version);
            })
            .Accepts<JsonElement>("application/merge-patch+json", "application/json")
            .RequireAuthorization(Policies.Write)
            .WithName(nameof(UpdateCampaign))
            .WithMetadata(ETags.Answered.Instance)
            .WithMetadata(ETags.IfMatchRequired.Instance)
            .WithSummary("Update a campaign (JSON merge patch; If-Match required)")
            .Produces<CampaignView>();
}
