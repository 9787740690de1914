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

public static class AddSocialAccount
{
    public sealed record Request(string CreatorId, SocialAccountInput Account) : IRequest<CreatorView>;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator(TimeProvider clock) =>
            RuleFor(r => r.Account).NotNull().SetValidator(new SocialAccountValidator(clock)).OverridePropertyName("");
    }

    internal sealed class Handler(Db db, Caller caller, CreatorStore store, AuditLog audit, WebhookOutbox webhooks) : IRequestHandler<Request, CreatorView>
    {
        public Task<CreatorView> Handle(Request request, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var creator = await store.LoadRequiredAsync(c, caller.WorkspaceId, request.CreatorId, tx, cancellationToken);
                if (creator.ErasedAt is not null)
                {
                    throw new ConflictException("This creator's personal data was erased; no account can be added.");
                }

                if (creator.SocialAccounts.Count >= 20)
                {
                    throw new ConflictException("A creator has at most 20 social accounts.");
                }

                await store.InsertAccountAsync(c, tx, caller.WorkspaceId, creator.Id, request.Account, cancellationToken);
                await store.BumpVersionAsync(c, tx, caller.WorkspaceId, creator, cancellationToken);
                await audit.RecordAsync(c, tx, "creator.social_account_added", "creator", creator.Id, null, cancellationToken);
                var updated = await store.LoadRequiredAsync(c, caller.WorkspaceId, creator.Id, tx, cancellationToken);
                await webhooks.PublishAsync(c, tx, CreatorEvents.Updated, updated, cancellationToken);
                return updated;
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id}/social-accounts", async (string id, SocialAccountInput account, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var creator = await mediator.Send(new Request(id, account), ct);
                http.Response.Headers.ETag = ETags.For(creator.Version);
                var added = creator.SocialAccounts.Single(a => a.Platform == account.Platform && a.Handle.Equals(CreatorRules.NormalizeHandle(account.Handle!), StringComparison.OrdinalIgnoreCase));
                return Results.Created($"/api/v1/creators/{id}/social-accounts/{added.Id}", creator);
            })
            .RequireAuthorization(Policies.Write)
            .Idempotent()
            .WithName(nameof(AddSocialAccount))
            .WithSummary("Add a social account to a creator (answers the whole creator)")
            .Produces<CreatorView>(StatusCodes.Status201Created);
}
