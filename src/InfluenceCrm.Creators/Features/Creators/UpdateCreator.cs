using InfluenceCrm.Creators.PublicQueries;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Webhooks;
using System.Text.Json;
using FluentValidation;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Creators.Features;

/// <summary>PATCH with JSON merge patch semantics (RFC 7396): absent = unchanged, null = cleared, a value = replaced.</summary>
public static class UpdateCreator
{
    public sealed record Request(string Id, JsonElement Patch, long? ExpectedVersion) : IRequest<CreatorView>;

    private static readonly IReadOnlyDictionary<string, string> NotPatchable = new Dictionary<string, string>
    {
        ["stage"] = "Change the stage with POST /api/v1/creators/{id}/stage.",
        ["socialAccounts"] = "Change accounts with /api/v1/creators/{id}/social-accounts.",
        ["id"] = "The id cannot change.",
    };

    internal sealed class Handler(Db db, Caller caller, CreatorStore store, IValidator<CreatorFields> fieldsValidator, AuditLog audit, WebhookOutbox webhooks)
        : IRequestHandler<Request, CreatorView>
    {
        public Task<CreatorView> Handle(Request request, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var current = await store.LoadRequiredAsync(c, caller.WorkspaceId, request.Id, tx, cancellationToken);
                ETags.Check(request.ExpectedVersion, current.Version);
                if (current.ErasedAt is not null)
                {
                    throw new ConflictException("This creator's personal data was erased; the record cannot be edited.");
                }

                var fields = JsonMergePatch.Apply(current.ToFields(), request.Patch, NotPatchable);
                await fieldsValidator.ValidateAndThrowAsync(fields, cancellationToken);
                await store.UpdateFieldsAsync(c, tx, caller.WorkspaceId, current, fields, cancellationToken);
                await audit.RecordAsync(c, tx, "creator.updated", "creator", request.Id, null, cancellationToken);
                var updated = await store.LoadRequiredAsync(c, caller.WorkspaceId, request.Id, tx, cancellationToken);
                await webhooks.PublishAsync(c, tx, CreatorEvents.Updated, updated, cancellationToken);
                return updated;
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPatch("/{id}", async (string id, JsonElement patch, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var expected = ETags.RequiredVersion(http);
                return http.WithETag(await mediator.Send(new Request(id, patch, expected), ct));
            })
            .Accepts<JsonElement>("application/merge-patch+json", "application/json")
            .RequireAuthorization(Policies.Write)
            .WithName(nameof(UpdateCreator))
            .WithMetadata(ETags.Answered.Instance)
            .WithMetadata(ETags.IfMatchRequired.Instance)
            .WithSummary("Update a creator (JSON merge patch; If-Match required)")
            .Produces<CreatorView>();
}
