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

namespace InfluenceCrm.Contracts.Features;

/// <summary>
/// Changes a signed or active contract: the merge patch of its terms becomes a new version (the old ones stay readable
/// at /versions), with the reason and, when given, the signed amendment's document. Paid milestones cannot change. An
/// amendment of the usage rights supersedes the grants made from them from its effective date (default: today).
/// </summary>
public static class AmendContract
{
    /// <param name="EffectiveOn">The day the amended terms take effect (default: today); not before the contract's signature.</param>
    public sealed record Body(string? Reason, JsonElement Terms, string? DocumentUri, string? Sha256, DateOnly? EffectiveOn = null);

    public sealed record Request(string Id, string? Reason, JsonElement Terms, string? DocumentUri, string? Sha256, long? ExpectedVersion,
        DateOnly? EffectiveOn = null) : IRequest<ContractView>;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Reason).NotEmpty().WithMessage("Say why the contract is amended (reason).").MaximumLength(2000);
            RuleFor(r => r.Sha256).Matches("^[0-9a-f]{64}$").When(r => r.Sha256 is not null).WithMessage("sha256 is 64 lower-case hex digits.");
            RuleFor(r => r.Sha256).NotNull().When(r => r.DocumentUri is not null).WithMessage("A document comes with its sha256.");
            RuleFor(r => r.DocumentUri).Must(SignContract.IsDocumentLink).When(r => r.DocumentUri is not null).WithMessage("documentUri must be the http(s) address of the amendment.");
        }
    }

    internal sealed class Handler(
        Db db, Caller caller, ContractStore store, AuditLog audit, IValidator<ContractTerms> validator, ContractChecks checks, IMediator mediator)
        : IRequestHandler<Request, ContractView>
    {
        public Task<ContractView> Handle(Request request, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var current = await store.LoadAsync(c, caller.WorkspaceId, request.Id, tx, cancellationToken);
                ETags.Check(request.ExpectedVersion, current.Version);
                if (!ContractRules.AmendableStatuses.Contains(current.Status))
                {
                    throw new ConflictException($"The contract is {current.Status}; amendments are for signed or active contracts.");
                }

                var effectiveOn = request.EffectiveOn ?? store.Today;
                if (current.SignedDocument?.SignedAt is { } signedAt && effectiveOn < DateOnly.FromDateTime(signedAt.UtcDateTime))
                {
                    throw new ValidationException(new[]
                    {
                        new FluentValidation.Results.ValidationFailure("effectiveOn", $"effectiveOn cannot be before the contract's signature ({signedAt:yyyy-MM-dd})."),
                    });
                }

                var terms = JsonMergePatch.Apply(current.Terms, request.Terms, new Dictionary<string, string>());
                await validator.ValidateAndThrowAsync(terms, cancellationToken);
                await checks.CheckMissionDeliverablesAsync(current.CreatorId, terms, cancellationToken);
                var next = current.TermsVersion + 1;
                try
                {
                    await c.ExecuteAsync(ContractStore.InsertTerms, new
                    {
                        ContractId = current.Id,
                        TermsVersion = next,
                        caller.WorkspaceId,
                        Terms = ContractStore.Serialize(terms),
                        request.Reason,
                        store.Now,
                        CreatedBy = caller.KeyId,
                    }, tx, cancellationToken);
                }
                catch (Exception e) when (DbErrors.IsUniqueViolation(e))
                {
                    // Another amendment took this version number first: a version race, as a stale If-Match would be.
                    throw new PreconditionFailedException(ETags.For(current.Version + 1));
                }
                await store.SyncMilestonesAsync(c, tx, caller.WorkspaceId, current.Id, current.Milestones, terms, cancellationToken);
                var document = request.DocumentUri is null ? current.SignedDocument : new SignedDocument(request.DocumentUri, request.Sha256!, store.Now);
                await store.SaveAsync(c, tx, caller.WorkspaceId, current, current.Title, current.Status, next, terms.GoverningLaw, document, cancellationToken);
                await audit.RecordAsync(c, tx, "contract.amended", "contract", current.Id, new { termsVersion = next, sha256 = request.Sha256, effectiveOn },
                    cancellationToken);
                var rights = PublicQueries.ContractSigned.RightsOf(terms);
                if (!rights.SequenceEqual(PublicQueries.ContractSigned.RightsOf(current.Terms), RightsComparer.Instance))
                {
                    await mediator.Publish(new PublicQueries.ContractAmended(caller.WorkspaceId, current.Id, next, request.Reason!, effectiveOn,
                        current.CreatorId, current.CampaignId, (terms.Missions ?? []).Select(m => m.DeliverableId).OfType<string>().ToList(), terms.Creator?.LegalName,
                        terms.Brand?.LegalName, rights, document?.Uri, document?.Sha256, store.Now, c, tx), cancellationToken);
                }

                return await store.LoadAsync(c, caller.WorkspaceId, current.Id, tx, cancellationToken);
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id}/amendments", async (string id, Body body, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var expected = ETags.RequiredVersion(http);
                var contract = await mediator.Send(new Request(id, body.Reason, body.Terms, body.DocumentUri, body.Sha256, expected, body.EffectiveOn), ct);
                return ETags.Ok(http, contract, contract.Version);
            })
            .RequireAuthorization(Policies.Contracts)
            .WithName(nameof(AmendContract))
            .WithMetadata(ETags.Answered.Instance)
            .WithMetadata(ETags.IfMatchRequired.Instance)
            .WithSummary("Amend a signed contract: a new version of its terms (merge patch), the old ones kept (If-Match required)")
            .Produces<ContractView>();
}
