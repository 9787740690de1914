using FluentValidation;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Contracts.Features;

/// <summary>Contracts by creator, campaign and status, newest first.</summary>
public static class ListContracts
{
    public sealed record Request : IRequest<Page<ContractView>>
    {
        public string? CreatorId { get; init; }
        public string? CampaignId { get; init; }
        public string? Status { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    private const string SortName = "-createdAt";

    private static readonly KeysetOrder Newest = KeysetSearch.Order("""
        FROM contract_contracts c
        WHERE c.workspace_id = @WorkspaceId
          AND (@CreatorId IS NULL OR c.creator_id = @CreatorId)
          AND (@CampaignId IS NULL OR c.campaign_id = @CampaignId)
          AND (@Status IS NULL OR c.status = @Status)
        """, "c", "created_at", ascending: false, byTime: true);

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Status).Must(s => ContractRules.Statuses.Contains(s!))
                .WithMessage($"status must be one of: {string.Join(", ", ContractRules.Statuses)}.").When(r => r.Status is not null);
            RuleFor(r => r.Limit).InclusiveBetween(1, Cursor.MaxLimit);
        }
    }

    internal sealed class Handler(Db db, Caller caller, ContractStore store) : IRequestHandler<Request, Page<ContractView>>
    {
        public async Task<Page<ContractView>> Handle(Request request, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            var page = await KeysetSearch.PageAsync(c, Newest, SortName, request.Limit ?? Cursor.DefaultLimit, request.Cursor,
                new { caller.WorkspaceId, request.CreatorId, request.CampaignId, request.Status }, cancellationToken);
            var contracts = new List<ContractView>();
            foreach (var id in page.Items)
            {
                contracts.Add(await store.LoadAsync(c, caller.WorkspaceId, id, ct: cancellationToken));
            }

            return new Page<ContractView>(contracts, page.NextCursor);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("", async ([AsParameters] Request request, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(request, ct)))
            .RequireAuthorization(Policies.Contracts)
            .WithName(nameof(ListContracts))
            .WithSummary("List contracts (creatorId, campaignId, status; newest first, cursor paging)")
            .Produces<Page<ContractView>>();
}
