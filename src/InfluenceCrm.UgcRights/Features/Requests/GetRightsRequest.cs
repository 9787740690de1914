using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.UgcRights.Features;

public static class GetRightsRequest
{
    public sealed record Request(string Id) : IRequest<RightsRequestView>;

    internal sealed class Handler(Db db, Caller caller, UgcStore store) : IRequestHandler<Request, RightsRequestView>
    {
        public async Task<RightsRequestView> Handle(Request request, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            return (await store.LoadRequestAsync(c, caller.WorkspaceId, request.Id, ct: cancellationToken)).ToView(store.Now);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/rights-requests/{id}", async (string id, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var request = await mediator.Send(new Request(id), ct);
                return ETags.Ok(http, request, request.Version);
            })
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(GetRightsRequest))
            .WithMetadata(ETags.Answered.Instance)
            .WithSummary("A rights request and its status (requested, granted, denied, expired, needs_review, withdrawn)")
            .Produces<RightsRequestView>();
}
