using System.Text.Json;
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

/// <summary>
/// A person withdraws their image release (Code civil, art. 9): from that day the rights check blocks every use of the
/// asset that shows them, whatever the grants say; uses already made stay in the register for the take-down list.
/// </summary>
public static class WithdrawPersonRelease
{
    public sealed record Body(DateOnly? WithdrawnOn, string? Reason);

    public sealed record Request(string AssetId, string PersonId, DateOnly? WithdrawnOn, string? Reason) : IRequest<AssetView>;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.WithdrawnOn).NotNull();
            RuleFor(r => r.Reason).MaximumLength(2000);
        }
    }

    internal sealed class Handler(Db db, Caller caller, UgcStore store, AuditLog audit) : IRequestHandler<Request, AssetView>
    {
        public Task<AssetView> Handle(Request r, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var asset = await store.LoadAssetAsync(c, caller.WorkspaceId, r.AssetId, tx, cancellationToken);
                var person = asset.People.SingleOrDefault(p => p.Id == r.PersonId) ?? throw new NotFoundException("person", r.PersonId);
                if (person.ReleaseEvidence is null && person.GuardianConsents.Count == 0)
                {
                    throw new ConflictException("No release or consent is recorded for this person: there is nothing to withdraw.");
                }

                await c.ExecuteAsync(UgcStore.UpdatePersonConsents, new
                {
                    Id = person.Id,
                    AssetId = asset.Id,
                    caller.WorkspaceId,
                    person.ReleaseEvidence,
                    person.ReleaseObtainedAt,
                    GuardianConsents = JsonSerializer.Serialize(person.GuardianConsents, JsonSerializerOptions.Web),
                    ReleaseScope = person.ReleaseScope is { } scope ? JsonSerializer.Serialize(scope, JsonSerializerOptions.Web) : null,
                    ReleaseWithdrawnOn = r.WithdrawnOn,
                }, tx, cancellationToken);
                await audit.RecordAsync(c, tx, "ugc.release_withdrawn", "asset", asset.Id,
                    new { personId = person.Id, withdrawnOn = r.WithdrawnOn, reasonGiven = !string.IsNullOrWhiteSpace(r.Reason) }, cancellationToken);
                return await store.LoadAssetAsync(c, caller.WorkspaceId, asset.Id, tx, cancellationToken);
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/assets/{id}/people/{personId}/release-withdrawal", async (string id, string personId, Body b, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new Request(id, personId, b.WithdrawnOn, b.Reason), ct)))
            .RequireAuthorization(Policies.Rights)
            .WithName(nameof(WithdrawPersonRelease))
            .WithSummary("Record that a person withdrew their image release, from a date")
            .Produces<AssetView>();
}
