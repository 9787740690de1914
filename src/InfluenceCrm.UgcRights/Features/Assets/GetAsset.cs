using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.UgcRights.Features;

/// <summary>An asset with the people it shows and every grant on it, superseded ones included.</summary>
public static class GetAsset
{
    public sealed record Request(string Id) : IRequest<Response>;

    public sealed record Response(AssetView Asset, IReadOnlyList<GrantView> Grants);

    internal sealed class Handler(Db db, Caller caller, UgcStore store) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            var asset = await store.LoadAssetAsync(c, caller.WorkspaceId, request.Id, ct: cancellationToken);
            var grants = await store.LoadGrantsAsync(c, caller.WorkspaceId, asset.Id, ct: cancellationToken);
            return new Response(asset, grants.Select(g => g.ToView()).ToList());
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/assets/{id}", async (string id, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new Request(id), ct)))
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(GetAsset))
            .WithSummary("An asset, its people and all its grants (superseded ones included)")
            .Produces<Response>();
}
