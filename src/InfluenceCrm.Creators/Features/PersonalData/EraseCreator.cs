using FluentValidation;
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

/// <summary>
/// GDPR right to erasure (art. 17), one decision every module carries out: the creator row stays, pseudonymised, because
/// records the law requires kept (signed contracts, payments) point at its id; name, e-mail, handles, birth date, notes,
/// tags and representatives go, and the creator is flagged do-not-contact. Then <see cref="CreatorErased"/> is published
/// in the same transaction, and each module removes what it holds on the person in its own tables and says what it
/// keeps. Stored API answers naming the person are emptied and their idempotency keys kept as tombstones (a retry cannot
/// re-create the person). After the commit the SQLite WAL is checkpointed, and with secure_delete on, nothing of the person
/// stays readable in the database files. Erasing twice answers the first erasure.
/// </summary>
public static class EraseCreator
{
    public sealed record Body(string? Reason);

    public sealed record Request(string CreatorId, string? Reason) : IRequest<Response>;

    public sealed record Response(string CreatorId, DateTimeOffset ErasedAt, IReadOnlyList<string> Removed, IReadOnlyList<string> Kept);

    private static readonly string[] Removed =
    [
        "creator: displayName, email, country, languages, birthDate, notes, tags, legalRepresentatives, socialAccounts",
        "stored API answers naming the creator (their idempotency keys kept as tombstones, without content)",
    ];

    private static readonly string[] Kept =
        ["creator: id, stage, isMinor, lawfulBasis, createdAt", "audit log (ids and actions only, never personal data)"];

    public static readonly Sql Pseudonymise = Sql.Both("""
        UPDATE creator_creators
        SET display_name = 'Erased creator', display_name_key = 'erased creator', email = NULL, email_key = NULL, country = NULL,
            languages = '', birth_date = NULL, notes = NULL, do_not_contact = 1, erased_at = @Now, version = version + 1, updated_at = @Now
        WHERE id = @Id AND workspace_id = @WorkspaceId
        """);

    public static readonly Sql DeleteAccounts = Sql.Both(
        "DELETE FROM creator_social_accounts WHERE creator_id = @CreatorId AND workspace_id = @WorkspaceId");

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator() => RuleFor(r => r.Reason).MaximumLength(500);
    }

    internal sealed class Handler(Db db, Caller caller, CreatorStore store, AuditLog audit, WebhookOutbox webhooks, IMediator mediator) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            var response = await EraseAsync(request, cancellationToken);
            await db.CheckpointAsync(cancellationToken); // the WAL still holds the pages as they were before the erasure
            return response;
        }

        private Task<Response> EraseAsync(Request request, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var creator = await store.LoadRequiredAsync(c, caller.WorkspaceId, request.CreatorId, tx, cancellationToken);
                if (creator.ErasedAt is { } erasedAt)
                {
                    return new Response(creator.Id, erasedAt, Removed, Kept);
                }

                var now = store.Now;
                var ids = new { WorkspaceId = caller.WorkspaceId, CreatorId = creator.Id };
                var handles = CreatorRules.PlatformHandles(creator);
                await c.ExecuteAsync(Pseudonymise, new { creator.Id, caller.WorkspaceId, Now = now }, tx, cancellationToken);
                await c.ExecuteAsync(DeleteAccounts, ids, tx, cancellationToken);
                await c.ExecuteAsync(CreatorStore.DeleteTags, ids, tx, cancellationToken);
                await c.ExecuteAsync(CreatorStore.DeleteRepresentatives, ids, tx, cancellationToken);
                var report = new ErasureReport();
                await mediator.Publish(new CreatorErased(caller.WorkspaceId, creator.Id, handles, c, tx, report), cancellationToken);
                await IdempotencyMiddleware.PurgeResponsesMentioningAsync(c, tx, caller.WorkspaceId, creator.Id, cancellationToken);
                await WebhookOutbox.EraseMentioningAsync(c, tx, caller.WorkspaceId, creator.Id, cancellationToken);
                await webhooks.PublishAsync(c, tx, CreatorEvents.Erased, new { id = creator.Id, erasedAt = now }, cancellationToken);
                var removed = Removed.Concat(report.Removed).ToList();
                var kept = Kept.Concat(report.Kept).ToList();
                // The reason is free text and may name the person: the log keeps only whether one was given.
                await audit.RecordAsync(c, tx, "creator.erased", "creator", creator.Id,
                    new { removed, kept, reasonGiven = !string.IsNullOrWhiteSpace(request.Reason) }, cancellationToken);
                return new Response(creator.Id, now, removed, kept);
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id}/erasure", async (string id, Body? body, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new Request(id, body?.Reason), ct)))
            .RequireAuthorization(Policies.PersonalData)
            .WithName(nameof(EraseCreator))
            .WithSummary("GDPR erasure: remove or pseudonymise a creator's personal data (admin, legal)")
            .Produces<Response>();
}
