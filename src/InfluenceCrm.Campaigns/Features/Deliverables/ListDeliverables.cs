using FluentValidation;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Campaigns.Features;

/// <summary>A campaign's deliverables in due-date order, filtered by creator, platform, status, market or dates.</summary>
public static class ListDeliverables
{
    public sealed record Request : DeliverableFilter, IRequest<Page<CalendarEntry>>
    {
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            Include(new DeliverableFilterValidator());
            RuleFor(r => r.Limit).InclusiveBetween(1, Cursor.MaxLimit);
        }
    }

    internal sealed class Handler(Db db, Caller caller, CampaignStore store, DeliverableQuery query) : IRequestHandler<Request, Page<CalendarEntry>>
    {
        public async Task<Page<CalendarEntry>> Handle(Request request, CancellationToken cancellationToken)
        {
            await using (var c = await db.OpenAsync(cancellationToken))
            {
                await store.LoadCampaignAsync(c, caller.WorkspaceId, request.CampaignId!, ct: cancellationToken); // 404 for unknown or foreign ids
            }

            return await query.PageAsync(request, request.Limit ?? Cursor.DefaultLimit, request.Cursor, cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/{id}/deliverables", async (string id, [AsParameters] Query q, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new Request
                {
                    CampaignId = id,
                    From = q.From,
                    To = q.To,
                    CreatorId = q.CreatorId,
                    Platform = q.Platform,
                    Status = q.Status,
                    Market = q.Market,
                    Limit = q.Limit,
                    Cursor = q.Cursor,
                }, ct)))
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(ListDeliverables))
            .WithSummary("List a campaign's deliverables (creatorId, platform, status, market, from/to; cursor paging)")
            .Produces<Page<CalendarEntry>>();

    /// <summary>The query string (the campaign comes from the route).</summary>
    public sealed record Query(DateOnly? From, DateOnly? To, string? CreatorId, string? Platform, string? Status, string? Market, int? Limit, string? Cursor);
}
