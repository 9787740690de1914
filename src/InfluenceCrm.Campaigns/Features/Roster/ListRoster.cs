using FluentValidation;
using InfluenceCrm.Creators.PublicQueries;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Campaigns.Features;

/// <summary>The roster with each creator's name and main account, in the order creators were added; cursor paged.</summary>
public static class ListRoster
{
    public sealed record Request(string CampaignId, int? Limit = null, string? Cursor = null) : IRequest<Response>;

    public sealed record Response(IReadOnlyList<RosterMemberView> Items, string? NextCursor);

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator() => RuleFor(r => r.Limit).InclusiveBetween(1, Cursor.MaxLimit);
    }

    internal sealed class Handler(Db db, Caller caller, CampaignStore store, IMediator mediator) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            List<CampaignStore.MemberRow> rows;
            await using (var c = await db.OpenAsync(cancellationToken))
            {
                var campaign = await store.LoadCampaignAsync(c, caller.WorkspaceId, request.CampaignId, ct: cancellationToken);
                rows = (await c.QueryAsync<CampaignStore.MemberRow>(CampaignStore.LoadRoster,
                    new { caller.WorkspaceId, CampaignId = campaign.Id }, ct: cancellationToken)).ToList();
            }

            // Member ids are ULIDs: their order is the order of addition.
            var page = Cursor.InMemory(rows, request.Limit ?? Cursor.DefaultLimit, request.Cursor, "added", r => (r.Id, r.Id));
            var creators = await mediator.Send(new GetCreatorSummaries.Request(page.Items.Select(r => r.CreatorId).ToList()), cancellationToken);
            return new Response(page.Items.Select(r => Roster.View(r, creators.GetValueOrDefault(r.CreatorId))).ToList(), page.NextCursor);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/{id}/roster", async (string id, int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new Request(id, limit, cursor), ct)))
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(ListRoster))
            .WithSummary("List the roster with each creator's name and main account; cursor paged")
            .Produces<Response>();
}
