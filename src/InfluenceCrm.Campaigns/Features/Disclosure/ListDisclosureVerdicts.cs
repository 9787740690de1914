using FluentValidation;
using InfluenceCrm.Campaigns.Disclosure;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Campaigns.Features;

/// <summary>
/// Legal's list: each checked deliverable's latest verdict, by campaign, market and verdict, with the findings. A
/// deliverable whose caption or texts changed since its last check is checked again first (with the same facts).
/// </summary>
public static class ListDisclosureVerdicts
{
    public static readonly string[] Verdicts = ["pass", "warn", "fail", "block"];

    public sealed record Request(string? CampaignId, string? Market, string? Verdict, int? Limit = null, string? Cursor = null) : IRequest<Response>;

    /// <param name="Rechecked">How many verdicts this call checked again because their texts changed (all pages' worth: the check runs before paging).</param>
    public sealed record Response(IReadOnlyList<StoredVerdict> Items, string? NextCursor, int Rechecked);

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Verdict).Must(v => Verdicts.Contains(v!)).When(r => r.Verdict is not null).WithMessage($"verdict is one of: {string.Join(", ", Verdicts)}.");
            RuleFor(r => r.Limit).InclusiveBetween(1, Cursor.MaxLimit);
        }
    }

    internal sealed class Handler(Db db, Caller caller, CampaignStore store, DeliverableDisclosure disclosure) : IRequestHandler<Request, Response>
    {
        public Task<Response> Handle(Request r, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var rows = await c.QueryAsync<DeliverableDisclosure.VerdictRow>(DeliverableDisclosure.LatestVerdicts, new { caller.WorkspaceId, r.CampaignId }, tx, cancellationToken);
                var items = new List<StoredVerdict>();
                var rechecked = 0;
                foreach (var row in rows)
                {
                    var campaign = await store.LoadCampaignAsync(c, caller.WorkspaceId, row.CampaignId, tx, cancellationToken);
                    var deliverable = await store.LoadDeliverableAsync(c, caller.WorkspaceId, row.CampaignId, row.DeliverableId, tx, cancellationToken);
                    if (DeliverableDisclosure.TextsHash(deliverable) != row.TextsSha256.Trim())
                    {
                        items.Add(await disclosure.CheckAsync(c, tx, campaign, deliverable, row.FactsValue, cancellationToken));
                        rechecked++;
                    }
                    else
                    {
                        items.Add(row.ToView());
                    }
                }

                var page = Cursor.InMemory(items.Where(i => (r.Market is null || i.Market == r.Market) && (r.Verdict is null || i.Verdict == r.Verdict)),
                    r.Limit ?? Cursor.DefaultLimit, r.Cursor, "campaignId,deliverableId", i => (i.CampaignId, i.DeliverableId));
                return new Response(page.Items, page.NextCursor, rechecked);
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/disclosure-verdicts", async (string? campaignId, string? market, string? verdict, int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new Request(campaignId, market, verdict, limit, cursor), ct)))
            .RequireAuthorization(Policies.Approve)
            .WithName(nameof(ListDisclosureVerdicts))
            .WithSummary("Each deliverable's latest disclosure verdict, by campaign, market and verdict (re-checked when its texts changed); cursor paged")
            .Produces<Response>();
}
