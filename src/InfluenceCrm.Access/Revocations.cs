using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Access;

/// <summary>
/// The endpoint an API key, an invitation, a calendar feed and a creator's portal access are revoked by: DELETE …/{id} (or
/// the pattern given, naming {id}), the feature's request, 204.
/// </summary>
internal static class Revocations
{
    public static RouteHandlerBuilder MapRevoke(this RouteGroupBuilder group, Func<string, IRequest<bool>> request, string policy, string name,
        string summary, string pattern = "/{id}") =>
        group.MapDelete(pattern, async (string id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(request(id), ct);
                return Results.NoContent();
            })
            .RequireAuthorization(policy)
            .WithName(name)
            .WithSummary(summary)
            .Produces(StatusCodes.Status204NoContent);
}
