using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Performance.Features.Conversions;

/// <summary>A promo code and whose it is: what the Location of POST /promo-codes names.</summary>
public static class GetPromoCode
{
    public sealed record Request(string Id) : IRequest<RegisterPromoCode.Response>;

    public static readonly Sql Load = Sql.Both("""
        SELECT id AS Id, code AS Code, campaign_id AS CampaignId, creator_id AS CreatorId, deliverable_id AS DeliverableId
        FROM perf_promo_codes WHERE workspace_id = @WorkspaceId AND id = @Id
        """);

    internal sealed class Handler(Db db, Caller caller) : IRequestHandler<Request, RegisterPromoCode.Response>
    {
        public async Task<RegisterPromoCode.Response> Handle(Request request, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            return await c.QuerySingleOrDefaultAsync<RegisterPromoCode.Response>(Load, new { caller.WorkspaceId, request.Id }, ct: cancellationToken)
                ?? throw new NotFoundException("promo code", request.Id);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/promo-codes/{id}", async (string id, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new Request(id), ct)))
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(GetPromoCode))
            .WithSummary("Read a promo code: its campaign, creator and deliverable")
            .Produces<RegisterPromoCode.Response>();
}
