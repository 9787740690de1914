using InfluenceCrm.Creators.PublicQueries;
using InfluenceCrm.Platform.Audit;
using FluentValidation;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Platform.Webhooks;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Creators.Features;

/// <summary>Replaces an account's handle, URL and metrics (PUT semantics: send them all). The platform cannot change.</summary>
public static class UpdateSocialAccount
{
    public sealed record Body(string? Handle, string? Url, long? Followers, decimal? EngagementRate, DateTimeOffset? MetricsAsOf);

    public sealed record Request(string CreatorId, string AccountId, Body Account, long? ExpectedVersion) : IRequest<CreatorView>;

    internal sealed class Handler(Db db, Caller caller, CreatorStore store, IValidator<SocialAccountInput> validator, AuditLog audit, WebhookOutbox webhooks)
        : IRequestHandler<Request, CreatorView>
    {
        public Task<CreatorView> Handle(Request request, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var creator = await store.LoadRequiredAsync(c, caller.WorkspaceId, request.CreatorId, tx, cancellationToken);
                var account = creator.SocialAccounts.SingleOrDefault(a => a.Id == request.AccountId)
                    ?? throw new NotFoundException("social account", request.AccountId);
                ETags.Check(request.ExpectedVersion, creator.Version);
                if (creator.ErasedAt is not null)
                {
                    throw new ConflictException("This creator's personal data was erased; the record cannot be edited.");
                }

                var b = request.Account;
                var input = new SocialAccountInput(account.Platform, b.Handle, b.Url, b.Followers, b.EngagementRate, b.MetricsAsOf);
                await validator.ValidateAndThrowAsync(input, cancellationToken);
                await store.EnsureHandleFreeAsync(c, tx, caller.WorkspaceId, account.Platform, input.Handle!, account.Id, cancellationToken);
                await store.UpdateAccountAsync(c, tx, caller.WorkspaceId, creator.Id, account.Id, input, cancellationToken);
                await store.BumpVersionAsync(c, tx, caller.WorkspaceId, creator, cancellationToken);
                await audit.RecordAsync(c, tx, "creator.social_account_updated", "creator", creator.Id, null, cancellationToken);
                var updated = await store.LoadRequiredAsync(c, caller.WorkspaceId, creator.Id, tx, cancellationToken);
                await webhooks.PublishAsync(c, tx, CreatorEvents.Updated, updated, cancellationToken);
                return updated;
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPut("/{id}/social-accounts/{accountId}", async (string id, string accountId, Body account, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var expected = ETags.RequiredVersion(http);
                return http.WithETag(await mediator.Send(new Request(id, accountId, account, expected), ct));
            })
            .RequireAuthorization(Policies.Write)
            .WithName(nameof(UpdateSocialAccount))
            .WithMetadata(ETags.Answered.Instance)
            .WithMetadata(ETags.IfMatchRequired.Instance)
            .WithSummary("Replace a social account's handle, URL and metrics (If-Match: the creator's ETag)")
            .Produces<CreatorView>();
}
