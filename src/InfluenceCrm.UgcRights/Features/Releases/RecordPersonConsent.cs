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

/// <summary>Records a person's image-right release, or one holder of parental authority's consent for a minor.</summary>
public static class RecordPersonConsent
{
    public static readonly string[] Kinds = ["release", "guardian"];

    /// <param name="Scope">For a release (or a minor's consents): the channels, territories and period it allows.</param>
    public sealed record Body(string? Kind, string? HolderName, string? Evidence, DateTimeOffset? ObtainedAt, ReleaseScope? Scope = null);

    public sealed record Request(string AssetId, string PersonId, string? Kind, string? HolderName, string? Evidence, DateTimeOffset? ObtainedAt, ReleaseScope? Scope = null)
        : IRequest<AssetView>;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Kind).Must(k => k is not null && Kinds.Contains(k)).WithMessage("kind is release or guardian.");
            RuleFor(r => r.HolderName).NotEmpty().When(r => r.Kind == "guardian").WithMessage("Name the holder of parental authority.");
            RuleFor(r => r.Evidence).NotEmpty().MaximumLength(2000);
            RuleFor(r => r.ObtainedAt).NotNull();
            RuleFor(r => r.Scope!).SetValidator(new ReleaseScopeValidator()).When(r => r.Scope is not null);
        }
    }

    internal sealed class Handler(Db db, Caller caller, UgcStore store, AuditLog audit) : IRequestHandler<Request, AssetView>
    {
        public Task<AssetView> Handle(Request r, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var asset = await store.LoadAssetAsync(c, caller.WorkspaceId, r.AssetId, tx, cancellationToken);
                var person = asset.People.SingleOrDefault(p => p.Id == r.PersonId) ?? throw new NotFoundException("person", r.PersonId);
                var consents = person.GuardianConsents.ToList();
                if (r.Kind == "guardian")
                {
                    // Parents consent for a minor: the person's age on the day the consent was given, from the birth date when known.
                    var on = DateOnly.FromDateTime(r.ObtainedAt!.Value.UtcDateTime);
                    var minor = person.BirthDate is { } born ? RightsCheck.MinorAt(born, on) : person.IsMinor;
                    if (!minor)
                    {
                        throw new ConflictException("This person is not a minor: record their own release (kind release).");
                    }

                    if (consents.Any(g => string.Equals(g.HolderName, r.HolderName, StringComparison.OrdinalIgnoreCase)))
                    {
                        throw new ConflictException($"{r.HolderName} already consented.");
                    }

                    consents.Add(new GuardianConsent(r.HolderName, r.Evidence, r.ObtainedAt));
                }

                await c.ExecuteAsync(UgcStore.UpdatePersonConsents, new
                {
                    Id = person.Id,
                    AssetId = asset.Id,
                    caller.WorkspaceId,
                    ReleaseEvidence = r.Kind == "release" ? r.Evidence : person.ReleaseEvidence,
                    ReleaseObtainedAt = r.Kind == "release" ? r.ObtainedAt : person.ReleaseObtainedAt,
                    GuardianConsents = JsonSerializer.Serialize(consents, JsonSerializerOptions.Web),
                    ReleaseScope = r.Scope is { } scope ? JsonSerializer.Serialize(scope, JsonSerializerOptions.Web)
                        : person.ReleaseScope is { } kept ? JsonSerializer.Serialize(kept, JsonSerializerOptions.Web) : null,
                    ReleaseWithdrawnOn = r.Kind == "release" ? null : person.ReleaseWithdrawnOn, // a new release replaces a withdrawn one
                }, tx, cancellationToken);
                await audit.RecordAsync(c, tx, $"ugc.{r.Kind}_recorded", "asset", asset.Id, new { personId = person.Id }, cancellationToken);
                return await store.LoadAssetAsync(c, caller.WorkspaceId, asset.Id, tx, cancellationToken);
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/assets/{id}/people/{personId}/consents", async (string id, string personId, Body b, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new Request(id, personId, b.Kind, b.HolderName, b.Evidence, b.ObtainedAt, b.Scope), ct)))
            .RequireAuthorization(Policies.Rights)
            .WithName(nameof(RecordPersonConsent))
            .WithSummary("Record a person's image-right release or a parental-authority holder's consent")
            .Produces<AssetView>();
}
