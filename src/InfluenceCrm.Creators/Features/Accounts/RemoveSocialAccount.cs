using InfluenceCrm.Creators.PublicQueries;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Platform.Webhooks;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Creators.Features;

public static class RemoveSocialAccount
{
    public sealed record Request(string CreatorId, string AccountId, long? ExpectedVersion) : IRequest<CreatorView>;

    internal sealed class Handler(Db db, Caller caller, CreatorStore store, AuditLog audit, WebhookOutbox webhooks) : IRequestHandler<Request, CreatorView>
    {
        public Task<CreatorView> Handle(Request request, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var creator = await store.LoadRequiredAsync(c, caller.WorkspaceId, request.CreatorId, tx, cancellationToken);
                if (creator.SocialAccounts.All(a => a.Id != request.AccountId))
                {
                    throw new NotFoundException("social account", request.AccountId);
                }

                ETags.Check(request.ExpectedVersion, creator.Version);
                await c.ExecuteAsync(CreatorStore.DeleteAccount,
                    new { Id = request.AccountId, CreatorId = creator.Id, WorkspaceId = caller.WorkspaceId }, tx, cancellationToken);
                await store.BumpVersionAsync(c, tx, caller.WorkspaceId, creator, cancellationToken);
                await audit.RecordAsync(c, tx, "creator.social_account_removed", "creator", creator.Id, null, cancellationToken);
                var updated = await store.LoadRequiredAsync(c, caller.WorkspaceId, creator.Id, tx, cancellationToken);
                await webhooks.PublishAsync(c, tx, CreatorEvents.Updated, updated, cancellationToken);
                return updated;
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapDelete("/{id}/social-accounts/{accountId}", async (string id, string accountId, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var expected = ETags.RequiredVersion(http);
                return http.WithETag(await mediator.Send(new Request(id, accountId, expected), ct));
            })
            .RequireAuthorization(Policies.Write)
            .WithName(nameof(RemoveSocialAccount))
            .WithMetadata(ETags.Answered.Instance)
            .WithMetadata(ETags.IfMatchRequired.Instance)
            .WithSummary("Remove a social account (If-Match: the creator's ETag); answers the creator")
            .Produces<CreatorView>();
}
