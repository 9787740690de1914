using System.Text.Json;
using FluentValidation;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Contracts.Features;

/// <summary>JSON merge patch of a draft's title and terms (If-Match). Once sent, terms change by going back to draft; once signed, only by amendment.</summary>
public static class UpdateContract
{
    public sealed record Request(string Id, JsonElement Patch, long? ExpectedVersion) : IRequest<ContractView>;

    public sealed record Editable(string? Title, ContractTerms? Terms);

    private static readonly IReadOnlyDictionary<string, string> ReadOnly = new Dictionary<string, string>
    {
        ["status"] = "Change the status with POST /api/v1/contracts/{id}/status.",
        ["creatorId"] = "A contract's creator cannot change; create another contract.",
        ["campaignId"] = "A contract's campaign cannot change; create another contract.",
    };

    internal sealed class Handler(Db db, Caller caller, ContractStore store, IValidator<ContractTerms> validator,
        ContractChecks checks) : IRequestHandler<Request, ContractView>
    {
        public Task<ContractView> Handle(Request request, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var current = await store.LoadAsync(c, caller.WorkspaceId, request.Id, tx, cancellationToken);
                ETags.Check(request.ExpectedVersion, current.Version);
                if (!ContractRules.EditableStatuses.Contains(current.Status))
                {
                    throw new ConflictException(ContractRules.AmendableStatuses.Contains(current.Status)
                        ? "A signed contract changes only by amendment: POST /api/v1/contracts/{id}/amendments."
                        : $"The contract is {current.Status}; only a draft can be edited.");
                }

                var edited = await EditedAsync(current, request.Patch, validator, cancellationToken);
                await checks.CheckMissionDeliverablesAsync(current.CreatorId, edited.Terms, cancellationToken);
                await c.ExecuteAsync(ContractStore.ReplaceDraftTerms, new
                {
                    ContractId = current.Id,
                    current.TermsVersion,
                    caller.WorkspaceId,
                    Terms = ContractStore.Serialize(edited.Terms),
                    store.Now,
                    CreatedBy = caller.KeyId,
                }, tx, cancellationToken);
                await store.SyncMilestonesAsync(c, tx, caller.WorkspaceId, current.Id, current.Milestones, edited.Terms, cancellationToken);
                await store.SaveAsync(c, tx, caller.WorkspaceId, current, edited.Title.Trim(), current.Status, current.TermsVersion, edited.Terms.GoverningLaw,
                    current.SignedDocument, cancellationToken);
                return await store.LoadAsync(c, caller.WorkspaceId, current.Id, tx, cancellationToken);
            }, cancellationToken);
    }

    /// <summary>The contract's title and terms with the patch applied and checked as PATCH checks them (the preview of its compliance too).</summary>
    internal static async Task<(string Title, ContractTerms Terms)> EditedAsync(ContractView current, JsonElement patch,
        IValidator<ContractTerms> validator, CancellationToken ct)
    {
        var edited = JsonMergePatch.Apply(new Editable(current.Title, current.Terms), patch, ReadOnly);
        if (string.IsNullOrWhiteSpace(edited.Title) || edited.Terms is null)
        {
            throw new ValidationException([new FluentValidation.Results.ValidationFailure(edited.Terms is null ? "terms" : "title",
                "This cannot be removed.")]);
        }

        await validator.ValidateAndThrowAsync(edited.Terms, ct);
        return (edited.Title, edited.Terms);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPatch("/{id}", async (string id, JsonElement patch, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var expected = ETags.RequiredVersion(http);
                var contract = await mediator.Send(new Request(id, patch, expected), ct);
                return ETags.Ok(http, contract, contract.Version);
            })
            .Accepts<JsonElement>("application/merge-patch+json", "application/json")
            .RequireAuthorization(Policies.Contracts)
            .WithName(nameof(UpdateContract))
            .WithMetadata(ETags.Answered.Instance)
            .WithMetadata(ETags.IfMatchRequired.Instance)
            .WithSummary("Edit a draft contract (JSON merge patch of title and terms; If-Match required)")
            .Produces<ContractView>();
}
