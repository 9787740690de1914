using FluentValidation;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Platform.Http;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.UgcRights.Features;

/// <summary>Records a grant obtained outside a rights request (a signed release, a contract clause) with its evidence.</summary>
public static class RegisterGrant
{
    public sealed record Request(string? AssetId, GrantTerms? Terms, Evidence? Evidence) : IRequest<GrantView>;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.AssetId).NotEmpty();
            RuleFor(r => r.Terms).NotNull().SetValidator(new GrantTermsValidator()!);
            RuleFor(r => r.Evidence).NotNull().SetValidator(new EvidenceValidator()!);
        }
    }

    internal sealed class Handler(Db db, Caller caller, UgcStore store, AuditLog audit) : IRequestHandler<Request, GrantView>
    {
        public Task<GrantView> Handle(Request r, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var asset = await store.LoadAssetAsync(c, caller.WorkspaceId, r.AssetId!, tx, cancellationToken);
                if (UgcRules.FormOnlyPlatforms.Contains(asset.Platform) && r.Evidence!.Kind == "comment_reply")
                {
                    throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("evidence.kind",
                        $"On {asset.Platform} a comment reply is not consent: the off-platform release form (or a signed document) is.")]);
                }

                var id = await store.InsertGrantAsync(c, tx, caller.WorkspaceId, asset.Id, null, r.Terms!, r.Evidence!, null, cancellationToken);
                await audit.RecordAsync(c, tx, "ugc.grant_recorded", "grant", id, new { assetId = asset.Id, evidence = r.Evidence!.Kind }, cancellationToken);
                return (await store.LoadGrantAsync(c, caller.WorkspaceId, id, tx, cancellationToken)).ToView();
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/grants", async (Request request, IMediator mediator, CancellationToken ct) =>
            {
                var grant = await mediator.Send(request, ct);
                return Results.Created($"/api/v1/ugc/grants/{grant.Id}", grant);
            })
            .RequireAuthorization(Policies.Rights)
            .Idempotent()
            .WithName(nameof(RegisterGrant))
            .WithSummary("Record a grant of rights with its evidence")
            .Produces<GrantView>(StatusCodes.Status201Created);
}
