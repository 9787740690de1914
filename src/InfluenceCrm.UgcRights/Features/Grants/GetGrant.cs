using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.UgcRights.Features;

public static class GetGrant
{
    public sealed record Request(string Id) : IRequest<GrantView>;

    internal sealed class Handler(Db db, Caller caller, UgcStore store) : IRequestHandler<Request, GrantView>
    {
        public async Task<GrantView> Handle(Request request, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            return (await store.LoadGrantAsync(c, caller.WorkspaceId, request.Id, ct: cancellationToken)).ToView();
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/grants/{id}", async (string id, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var grant = await mediator.Send(new Request(id), ct);
                return ETags.Ok(http, grant, grant.Version);
            })
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(GetGrant))
            .WithMetadata(ETags.Answered.Instance)
            .WithSummary("Read a grant (with ETag)")
            .Produces<GrantView>();
}
