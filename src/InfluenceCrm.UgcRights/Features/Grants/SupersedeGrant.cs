using FluentValidation;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.UgcRights.Features;

/// <summary>Grants are never edited: a change is a new grant that supersedes the old one; both stay readable.</summary>
public static class SupersedeGrant
{
    /// <param name="EffectiveOn">The day the new grant takes over (default: today); the old one still covers the days before.</param>
    public sealed record Body(GrantTerms? Terms, Evidence? Evidence, DateOnly? EffectiveOn = null);

    public sealed record Request(string Id, GrantTerms? Terms, Evidence? Evidence, long? ExpectedVersion, DateOnly? EffectiveOn = null) : IRequest<GrantView>;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Terms).NotNull().SetValidator(new GrantTermsValidator()!);
            RuleFor(r => r.Evidence).NotNull().SetValidator(new EvidenceValidator()!);
        }
    }

    internal sealed class Handler(Db db, Caller caller, UgcStore store, AuditLog audit) : IRequestHandler<Request, GrantView>
    {
        public Task<GrantView> Handle(Request r, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var old = await store.LoadGrantAsync(c, caller.WorkspaceId, r.Id, tx, cancellationToken);
                ETags.Check(r.ExpectedVersion, old.Version);
                if (old.Status == "superseded")
                {
                    throw new ConflictException($"Grant {old.Id} was already superseded by {old.SupersededById}; supersede that one.");
                }

                var id = await store.InsertGrantAsync(c, tx, caller.WorkspaceId, old.AssetId, old.RequestId, r.Terms!, r.Evidence!, old.Id, cancellationToken);
                if (await c.ExecuteAsync(UgcStore.MarkSuperseded, new
                {
                    old.Id,
                    caller.WorkspaceId,
                    SupersededById = id,
                    old.Version,
                    SupersededFrom = r.EffectiveOn ?? store.Today,
                }, tx, cancellationToken) == 0)
                {
                    throw new PreconditionFailedException(ETags.For(old.Version + 1));
                }

                await audit.RecordAsync(c, tx, "ugc.grant_superseded", "grant", old.Id, new { supersededBy = id, effectiveOn = r.EffectiveOn ?? store.Today }, cancellationToken);
                return (await store.LoadGrantAsync(c, caller.WorkspaceId, id, tx, cancellationToken)).ToView();
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/grants/{id}/supersession", async (string id, Body body, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var expected = ETags.RequiredVersion(http);
                var grant = await mediator.Send(new Request(id, body.Terms, body.Evidence, expected, body.EffectiveOn), ct);
                return ETags.Created(http, $"/api/v1/ugc/grants/{grant.Id}", grant, grant.Version);
            })
            .RequireAuthorization(Policies.Rights)
            .WithName(nameof(SupersedeGrant))
            .WithMetadata(ETags.Answered.Instance)
            .WithMetadata(ETags.IfMatchRequired.Instance)
            .WithSummary("Replace a grant by a new one that supersedes it (If-Match: the old grant's ETag)")
            .Produces<GrantView>(StatusCodes.Status201Created);
}
