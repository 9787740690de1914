using System.Text.Json;
using FluentValidation;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.UgcRights.Features;

/// <summary>
/// Registers a piece of content (a creator's deliverable or customer UGC) and the people it shows. The content may be a file stored
/// here (mediaId, from POST /api/v1/media): it must be the workspace's, and its SHA-256 is the asset's unless another is given.
/// </summary>
public static class RegisterAsset
{
    /// <param name="ReleaseScope">What the person's release (or a minor's consents) allows: channels, territories, period.</param>
    /// <param name="IsMinor">Kept for compatibility: when a birth date is given, the birth date decides, on the day of each use.</param>
    /// <param name="BirthDate">The person's birth date: whether they are a minor is decided on the day of the use, not once for all.</param>
    public sealed record PersonInput(string? Description, bool? IsMinor, int? ParentalAuthorityHolders, string? ReleaseEvidence, DateTimeOffset? ReleaseObtainedAt,
        IReadOnlyList<GuardianConsent>? GuardianConsents, ReleaseScope? ReleaseScope = null, DateOnly? BirthDate = null);

    public sealed record Request(string? SourceUrl, string? Platform, string? AuthorHandle, string? CreatorId, string? DeliverableId, string? MediaType,
        DateTimeOffset? CapturedAt, string? Sha256, IReadOnlyList<PersonInput>? People, string? MediaId = null) : IRequest<AssetView>;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(r => r.SourceUrl).Must(Vocabulary.IsHttpUrl).WithMessage("sourceUrl is the absolute http(s) URL of the content.").MaximumLength(2048);
            RuleFor(r => r.Platform).Must(p => p is not null && Vocabulary.Platforms.Contains(p)).WithMessage($"platform is one of: {Vocabulary.ListOf(Vocabulary.Platforms)}.");
            RuleFor(r => r.AuthorHandle).NotEmpty().MaximumLength(200);
            RuleFor(r => r.MediaType).Must(m => m is not null && UgcRules.MediaTypes.Contains(m)).WithMessage($"mediaType is one of: {string.Join(", ", UgcRules.MediaTypes)}.");
            RuleFor(r => r.Sha256).Matches("^[0-9a-f]{64}$").When(r => r.Sha256 is not null).WithMessage("sha256 is 64 lower-case hex digits.");
            RuleFor(r => r.MediaId).Must(Media.PublicQueries.MediaFile.IsMediaId).When(r => r.MediaId is not null)
                .WithMessage("mediaId is the id of a stored file (med_…).");
            RuleFor(r => r.People).Must(p => p!.Count <= 50).When(r => r.People is not null).WithMessage("At most 50 people per asset.");
            RuleForEach(r => r.People).NotNull().SetValidator(new PersonValidator(clock));
        }
    }

    internal sealed class PersonValidator : AbstractValidator<PersonInput>
    {
        public PersonValidator(TimeProvider clock)
        {
            RuleFor(p => p.Description).NotEmpty().MaximumLength(500).WithMessage("Name or describe the person (description).");
            RuleFor(p => p.ParentalAuthorityHolders).InclusiveBetween(1, 4);
            RuleFor(p => p.BirthDate).Must(b => b >= new DateOnly(1900, 1, 1) && b <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
                .When(p => p.BirthDate is not null)
                .WithMessage("birthDate is a past date (yyyy-MM-dd), not before 1900.");
            RuleFor(p => p.ReleaseEvidence).MaximumLength(2000);
            RuleFor(p => p.ReleaseScope!).SetValidator(new ReleaseScopeValidator()).When(p => p.ReleaseScope is not null);
            RuleFor(p => p.ReleaseObtainedAt).NotNull().When(p => p.ReleaseEvidence is not null).WithMessage("When was the release obtained?");
            RuleForEach(p => p.GuardianConsents).NotNull().ChildRules(g =>
            {
                g.RuleFor(x => x.HolderName).NotEmpty().MaximumLength(200);
                g.RuleFor(x => x.Evidence).NotEmpty().MaximumLength(2000);
                g.RuleFor(x => x.ObtainedAt).NotNull();
            });
        }
    }

    internal sealed class Handler(Db db, Caller caller, UgcStore store, IMediator mediator) : IRequestHandler<Request, AssetView>
    {
        public async Task<AssetView> Handle(Request r, CancellationToken cancellationToken)
        {
            var sha256 = await CheckReferencesAsync(r, cancellationToken);
            return await db.InTransactionAsync(async (c, tx) =>
            {
                var id = Ids.New("ast");
                await c.ExecuteAsync(UgcStore.InsertAsset, new
                {
                    Id = id,
                    caller.WorkspaceId,
                    r.SourceUrl,
                    r.Platform,
                    AuthorHandle = r.AuthorHandle!.Trim().TrimStart('@'),
                    r.CreatorId,
                    r.DeliverableId,
                    r.MediaType,
                    r.CapturedAt,
                    Sha256 = sha256,
                    r.MediaId,
                    store.Now,
                }, tx, cancellationToken);
                foreach (var p in r.People ?? [])
                {
                    await c.ExecuteAsync(UgcStore.InsertPerson, new
                    {
                        Id = Ids.New("per"),
                        caller.WorkspaceId,
                        AssetId = id,
                        p.Description,
                        IsMinor = p.IsMinor ?? false,
                        ParentalAuthorityHolders = p.ParentalAuthorityHolders ?? 2,
                        p.ReleaseEvidence,
                        p.ReleaseObtainedAt,
                        GuardianConsents = JsonSerializer.Serialize(p.GuardianConsents ?? [], JsonSerializerOptions.Web),
                        ReleaseScope = p.ReleaseScope is null ? null : JsonSerializer.Serialize(p.ReleaseScope, JsonSerializerOptions.Web),
                        p.BirthDate,
                        store.Now,
                    }, tx, cancellationToken);
                }

                if (r.DeliverableId is { } deliverable)
                {
                    await ContractRights.GrantNewAssetAsync(c, tx, store, caller.WorkspaceId, id, deliverable, cancellationToken);
                }

                return await store.LoadAssetAsync(c, caller.WorkspaceId, id, tx, cancellationToken);
            }, cancellationToken);
        }

        /// <summary>The creator, deliverable and stored file named must be this workspace's, and the deliverable that creator's.</summary>
        /// <returns>The asset's SHA-256: as given, else the stored file's.</returns>
        private async Task<string?> CheckReferencesAsync(Request r, CancellationToken ct)
        {
            var sha256 = r.Sha256;
            var errors = new List<FluentValidation.Results.ValidationFailure>();
            if (r.CreatorId is not null && !(await mediator.Send(new Creators.PublicQueries.GetCreatorSummaries.Request([r.CreatorId]), ct)).ContainsKey(r.CreatorId))
            {
                errors.Add(new("creatorId", $"No creator with id '{r.CreatorId}' in this workspace."));
            }

            if (r.DeliverableId is not null)
            {
                var found = (await mediator.Send(new Campaigns.PublicQueries.GetDeliverableSummaries.Request([r.DeliverableId]), ct)).GetValueOrDefault(r.DeliverableId);
                if (found is null)
                {
                    errors.Add(new("deliverableId", $"No deliverable with id '{r.DeliverableId}' in this workspace."));
                }
                else if (r.CreatorId is not null && found.CreatorId != r.CreatorId)
                {
                    errors.Add(new("deliverableId", "This deliverable is another creator's."));
                }
            }

            if (r.MediaId is not null)
            {
                var file = (await mediator.Send(new Media.PublicQueries.GetMediaFiles.Request([r.MediaId]), ct)).GetValueOrDefault(r.MediaId);
                if (file is null)
                {
                    errors.Add(new("mediaId", $"No stored file with id '{r.MediaId}' in this workspace."));
                }

                sha256 ??= file?.Sha256;
            }

            if (errors.Count > 0)
            {
                throw new FluentValidation.ValidationException(errors);
            }

            return sha256;
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/assets", async (Request request, IMediator mediator, CancellationToken ct) =>
            {
                var asset = await mediator.Send(request, ct);
                return Results.Created($"/api/v1/ugc/assets/{asset.Id}", asset);
            })
            .RequireAuthorization(Policies.UgcWork)
            .Idempotent()
            .WithName(nameof(RegisterAsset))
            .WithSummary("Register an asset (content) and the people it shows")
            .Produces<AssetView>(StatusCodes.Status201Created);
}
