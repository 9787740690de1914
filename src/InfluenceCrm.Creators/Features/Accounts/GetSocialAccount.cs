using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Creators.Features;

/// <summary>One social account of a creator (the ETag is the creator's, as for its updates): what the Location of POST /social-accounts names.</summary>
public static class GetSocialAccount
{
    public sealed record Request(string CreatorId, string AccountId) : IRequest<(SocialAccountView Account, long Version)>;

    internal sealed class Handler(Db db, Caller caller, CreatorStore store) : IRequestHandler<Request, (SocialAccountView Account, long Version)>
    {
        public async Task<(SocialAccountView Account, long Version)> Handle(Request request, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            var creator = await store.LoadRequiredAsync(c, caller.WorkspaceId, request.CreatorId, ct: cancellationToken);
            return (creator.SocialAccounts.SingleOrDefault(a => a.Id == request.AccountId) ?? throw new NotFoundException("social account", request.AccountId),
                creator.Version);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/{id}/social-accounts/{accountId}", async (string id, string accountId, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var (account, version) = await mediator.Send(new Request(id, accountId), ct);
                return ETags.Ok(http, account, version);
            })
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(GetSocialAccount))
            .WithMetadata(ETags.Answered.Instance)
            .WithSummary("Read one social account of a creator (with the creator's ETag)")
            .Produces<SocialAccountView>();
}
