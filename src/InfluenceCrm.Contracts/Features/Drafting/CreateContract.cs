using FluentValidation;
using FluentValidation.Results;
using InfluenceCrm.Campaigns.PublicQueries;
using InfluenceCrm.Creators.PublicQueries;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Contracts.Features;

/// <summary>A draft contract with a creator of the workspace, optionally for one of its campaigns.</summary>
public static class CreateContract
{
    public sealed record Request(string? CreatorId, string? CampaignId, string? Title, ContractTerms? Terms) : IRequest<ContractView>;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.CreatorId).NotEmpty();
            RuleFor(r => r.Title).NotEmpty().MaximumLength(200);
            RuleFor(r => r.Terms).NotNull().SetValidator(new ContractTermsValidator()!);
        }
    }

    internal sealed class Handler(Db db, Caller caller, ContractStore store, AuditLog audit, IMediator mediator, ContractChecks checks) : IRequestHandler<Request, ContractView>
    {
        public async Task<ContractView> Handle(Request request, CancellationToken cancellationToken)
        {
            var creators = await mediator.Send(new GetCreatorSummaries.Request([request.CreatorId!]), cancellationToken);
            var errors = new List<ValidationFailure>();
            if (!creators.ContainsKey(request.CreatorId!))
            {
                errors.Add(new ValidationFailure("creatorId", $"No creator with id '{request.CreatorId}' in this workspace."));
            }

            if (request.CampaignId is not null
                && !(await mediator.Send(new GetCampaignSummaries.Request([request.CampaignId]), cancellationToken)).ContainsKey(request.CampaignId))
            {
                errors.Add(new ValidationFailure("campaignId", $"No campaign with id '{request.CampaignId}' in this workspace."));
            }

            if (errors.Count > 0)
            {
                throw new ValidationException(errors);
            }

            await checks.CheckMissionDeliverablesAsync(request.CreatorId!, request.Terms, cancellationToken);

            return await db.InTransactionAsync(async (c, tx) =>
            {
                var id = Ids.New("ctr");
                var terms = request.Terms!;
                await c.ExecuteAsync(ContractStore.InsertContract, new
                {
                    Id = id,
                    caller.WorkspaceId,
                    request.CreatorId,
                    request.CampaignId,
                    Title = request.Title!.Trim(),
                    terms.GoverningLaw,
                    store.Now,
                }, tx, cancellationToken);
                await c.ExecuteAsync(ContractStore.InsertTerms, new
                {
                    ContractId = id,
                    TermsVersion = 1,
                    caller.WorkspaceId,
                    Terms = ContractStore.Serialize(terms),
                    Reason = (string?)null,
                    store.Now,
                    CreatedBy = caller.KeyId,
                }, tx, cancellationToken);
                await store.SyncMilestonesAsync(c, tx, caller.WorkspaceId, id, [], terms, cancellationToken);
                await audit.RecordAsync(c, tx, "contract.created", "contract", id, new { creatorId = request.CreatorId, campaignId = request.CampaignId }, cancellationToken);
                return await store.LoadAsync(c, caller.WorkspaceId, id, tx, cancellationToken);
            }, cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("", async (Request request, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var contract = await mediator.Send(request, ct);
                return ETags.Created(http, $"/api/v1/contracts/{contract.Id}", contract, contract.Version);
            })
            .RequireAuthorization(Policies.Contracts)
            .Idempotent()
            .WithName(nameof(CreateContract))
            .WithMetadata(ETags.Answered.Instance)
            .WithSummary("Create a draft contract with a creator")
            .Produces<ContractView>(StatusCodes.Status201Created);
}
