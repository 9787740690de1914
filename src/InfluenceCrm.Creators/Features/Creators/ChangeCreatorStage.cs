using InfluenceCrm.Creators.PublicQueries;
using InfluenceCrm.Platform.Audit;
using FluentValidation;
using InfluenceCrm.Platform.Webhooks;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Creators.Features;

/// <summary>Moves a creator along prospect → contacted → negotiating → active ⇄ paused → ended (see CreatorRules.StageTransitions).</summary>
public static class ChangeCreatorStage
{
    public sealed record Body(string? Stage);

    public sealed record Request(string CreatorId, string? Stage, long? ExpectedVersion) : IRequest<CreatorView>;

    public static readonly Sql SetStage = Sql.Both("""
        UPDATE creator_creators SET stage = @Stage, version = version + 1, updated_at = @Now
        WHERE id = @Id AND workspace_id = @WorkspaceId AND version = @Version
        """);

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator() =>
            RuleFor(r => r.Stage).Must(s => CreatorRules.Stages.Contains(s!))
                .WithMessage($"stage must be one of: {Vocabulary.ListOf(CreatorRules.Stages)}.");
    }

    internal sealed class Handler(Db db, Caller caller, CreatorStore store, AuditLog audit, WebhookOutbox webhooks) : IRequestHandler<Request, CreatorView>
    {
        public Task<CreatorView> Handle(Request request, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var creator = await store.LoadRequiredAsync(c, caller.WorkspaceId, request.CreatorId, tx, cancellationToken);
                ETags.Check(request.ExpectedVersion, creator.Version);
                var target = request.Stage!;
                if (creator.ErasedAt is not null)
                {
                    throw new ConflictException("This creator's personal data was erased; the stage cannot change.");
                }

                if (target == creator.Stage)
                {
                    return creator;
                }

                if (!CreatorRules.StageTransitions[creator.Stage].Contains(target))
                {
                    throw new ConflictException(
                        $"A creator cannot go from {creator.Stage} to {target}; from {creator.Stage} the next stages are: {Vocabulary.ListOf(CreatorRules.StageTransitions[creator.Stage])}.");
                }

                if (creator.DoNotContact && CreatorRules.OutreachStages.Contains(target))
                {
                    throw new ConflictException($"This creator is flagged do-not-contact: outreach stages ({Vocabulary.ListOf(CreatorRules.OutreachStages)}) are blocked.");
                }

                var changed = await c.ExecuteAsync(SetStage,
                    new { Id = creator.Id, WorkspaceId = caller.WorkspaceId, Stage = target, creator.Version, store.Now }, tx, cancellationToken);
                if (changed == 0)
                {
                    throw new PreconditionFailedException(ETags.For(creator.Version + 1));
                }

                await audit.RecordAsync(c, tx, "creator.stage_changed", "creator", creator.Id, new { stage = request.Stage }, cancellationToken);
                var updated = await store.LoadRequiredAsync(c, caller.WorkspaceId, creator.Id, tx, cancellationToken);
                await webhooks.PublishAsync(c, tx, CreatorEvents.Updated, updated, cancellationToken);
                return updated;
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id}/stage", async (string id, Body body, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var expected = ETags.RequiredVersion(http);
                return http.WithETag(await mediator.Send(new Request(id, body.Stage, expected), ct));
            })
            .RequireAuthorization(Policies.Write)
            .WithName(nameof(ChangeCreatorStage))
            .WithMetadata(ETags.Answered.Instance)
            .WithMetadata(ETags.IfMatchRequired.Instance)
            .WithSummary("Change a creator's relationship stage (If-Match required; 409 names the allowed next stages)")
            .Produces<CreatorView>();
}
