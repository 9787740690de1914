using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Creators.Features;

public static class GetCreator
{
    public sealed record Request(string Id) : IRequest<CreatorView>;

    internal sealed class Handler(Db db, Caller caller, CreatorStore store) : IRequestHandler<Request, CreatorView>
    {
        public async Task<CreatorView> Handle(Request request, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            return await store.LoadRequiredAsync(c, caller.WorkspaceId, request.Id, ct: cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/{id}", async (string id, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                return http.WithETag(await mediator.Send(new Request(id), ct));
            })
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(GetCreator))
            .WithMetadata(ETags.Answered.Instance)
            .WithSummary("Read one creator (with ETag)")
            .Produces<CreatorView>();
}
