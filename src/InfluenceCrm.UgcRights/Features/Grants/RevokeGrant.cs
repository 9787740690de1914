using FluentValidation;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Platform.Webhooks;
using InfluenceCrm.UgcRights.PublicQueries;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.UgcRights.Features;

/// <summary>Revokes a grant from a date (today or later: a revocation can be announced ahead of when it takes effect).</summary>
public static class RevokeGrant
{
    public sealed record Body(DateOnly? EffectiveOn, string? Reason);

    public sealed record Request(string Id, DateOnly? EffectiveOn, string? Reason, long? ExpectedVersion) : IRequest<GrantView>;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.EffectiveOn).NotNull().WithMessage("effectiveOn is the first day the grant no longer applies.");
            RuleFor(r => r.Reason).NotEmpty().MaximumLength(2000);
        }
    }

    internal sealed class Handler(Db db, Caller caller, UgcStore store, AuditLog audit, WebhookOutbox webhooks) : IRequestHandler<Request, GrantView>
    {
        public Task<GrantView> Handle(Request r, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var grant = await store.LoadGrantAsync(c, caller.WorkspaceId, r.Id, tx, cancellationToken);
                ETags.Check(r.ExpectedVersion, grant.Version);
                if (grant.Status == "superseded")
                {
                    throw new ConflictException($"Grant {grant.Id} was superseded by {grant.SupersededById}; revoke that one.");
                }

                if (grant.RevokedFrom is { } already && already <= r.EffectiveOn)
                {
                    throw new ConflictException($"Grant {grant.Id} is already revoked from {already:yyyy-MM-dd}.");
                }

                if (await c.ExecuteAsync(UgcStore.Revoke, new { grant.Id, caller.WorkspaceId, RevokedFrom = r.EffectiveOn, r.Reason, grant.Version }, tx, cancellationToken) == 0)
                {
                    throw new PreconditionFailedException(ETags.For(grant.Version + 1));
                }

                await audit.RecordAsync(c, tx, "ugc.grant_revoked", "grant", grant.Id, new { effectiveOn = r.EffectiveOn }, cancellationToken);
                var revoked = (await store.LoadGrantAsync(c, caller.WorkspaceId, grant.Id, tx, cancellationToken)).ToView();
                await webhooks.PublishAsync(c, tx, UgcRightsEvents.GrantRevoked, revoked, cancellationToken);
                return revoked;
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/grants/{id}/revocation", async (string id, Body body, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var expected = ETags.RequiredVersion(http);
                var grant = await mediator.Send(new Request(id, body.EffectiveOn, body.Reason, expected), ct);
                return ETags.Ok(http, grant, grant.Version);
            })
            .RequireAuthorization(Policies.Rights)
            .WithName(nameof(RevokeGrant))
            .WithMetadata(ETags.Answered.Instance)
            .WithMetadata(ETags.IfMatchRequired.Instance)
            .WithSummary("Revoke a grant from a date (If-Match required)")
            .Produces<GrantView>();
}
