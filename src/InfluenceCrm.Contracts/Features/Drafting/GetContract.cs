using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Contracts.Features;

/// <summary>A contract with its current terms, signature and milestones.</summary>
public static class GetContract
{
    public sealed record Request(string Id) : IRequest<ContractView>;

    internal sealed class Handler(Db db, Caller caller, ContractStore store) : IRequestHandler<Request, ContractView>
    {
        public async Task<ContractView> Handle(Request request, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            return await store.LoadAsync(c, caller.WorkspaceId, request.Id, ct: cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/{id}", async (string id, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var contract = await mediator.Send(new Request(id), ct);
                return ETags.Ok(http, contract, contract.Version);
            })
            .RequireAuthorization(Policies.Contracts)
            .WithName(nameof(GetContract))
            .WithMetadata(ETags.Answered.Instance)
            .WithSummary("Read a contract (current terms; with ETag)")
            .Produces<ContractView>();
}
