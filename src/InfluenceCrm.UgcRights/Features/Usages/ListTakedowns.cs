using FluentValidation;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.UgcRights.Features;

/// <summary>
/// The take-down list: usages in force that no grant covers today ("now"), or whose cover ends within the horizon
/// while the usage goes on ("before" the day it ends), each with the rights check's reasons.
/// </summary>
public static class ListTakedowns
{
    public const int MaxUsages = 5000;

    public sealed record Request(int? WithinDays, int? Limit = null, string? Cursor = null) : IRequest<Response>;

    public sealed record Response(DateOnly Today, int WithinDays, IReadOnlyList<Takedown> Items, string? NextCursor);

    public sealed record Takedown(string UsageId, string AssetId, string Channel, string Territory, DateOnly? UsedUntil, string Urgency, DateOnly TakeDownBefore,
        string? GrantId, IReadOnlyList<CheckRights.ReasonView> Reasons);

    public static readonly Sql InForce = Sql.Per(
        sqlite: """
            SELECT id AS Id, asset_id AS AssetId, channel AS Channel, territory AS Territory, used_until AS UsedUntil, modified AS Modified
            FROM ugc_usages WHERE workspace_id = @WorkspaceId AND used_from <= @Horizon AND (used_until IS NULL OR used_until >= @Today)
            ORDER BY asset_id, id LIMIT @Take
            """,
        sqlServer: """
            SELECT TOP (@Take) id AS Id, asset_id AS AssetId, channel AS Channel, territory AS Territory, used_until AS UsedUntil, modified AS Modified
            FROM ugc_usages WHERE workspace_id = @WorkspaceId AND used_from <= @Horizon AND (used_until IS NULL OR used_until >= @Today)
            ORDER BY asset_id, id
            """);

    private sealed class Row
    {
        public string Id { get; init; } = "";
        public string AssetId { get; init; } = "";
        public string Channel { get; init; } = "";
        public string Territory { get; init; } = "";
        public DateOnly? UsedUntil { get; init; }
        public bool Modified { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.WithinDays).InclusiveBetween(0, 366);
            RuleFor(r => r.Limit).InclusiveBetween(1, Cursor.MaxLimit);
        }
    }

    internal sealed class Handler(Db db, Caller caller, UgcStore store) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            var within = request.WithinDays ?? 30;
            var today = store.Today;
            var horizon = today.AddDays(within);
            await using var c = await db.OpenAsync(cancellationToken);
            var items = new List<Takedown>();
            var usages = await c.QueryAsync<Row>(InForce, new { caller.WorkspaceId, Today = today, Horizon = horizon, Take = MaxUsages }, ct: cancellationToken);
            var contexts = new Dictionary<string, UgcStore.CheckContext>();
            foreach (var u in usages)
            {
                if (!contexts.TryGetValue(u.AssetId, out var context))
                {
                    contexts[u.AssetId] = context = await store.LoadCheckContextAsync(c, caller.WorkspaceId, u.AssetId, null, cancellationToken);
                }

                // The register records where and when an asset is used, not how it is credited: takedowns judge the cover, assuming the credit a grant
                // asks for is given (each use's credit is checked by POST /rights-checks with attribution).
                RightsCheck.Answer At(DateOnly day) => context.Evaluate(new RightsCheck.Question(u.Channel, u.Territory, day, u.Modified, Attribution: true));
                var now = At(today);
                if (now.Verdict != "allowed")
                {
                    items.Add(new Takedown(u.Id, u.AssetId, u.Channel, u.Territory, u.UsedUntil, "now", today, null, Reasons(now)));
                    continue;
                }

                // A verdict changes only on a grant boundary: the first one within the horizon and the usage that is not covered.
                var last = u.UsedUntil is { } until && until < horizon ? until : horizon;
                var uncovered = context.Boundaries().Where(d => d > today && d <= last).Select(d => (Day: d, Answer: At(d))).FirstOrDefault(x => x.Answer.Verdict != "allowed");
                if (uncovered.Answer is not null)
                {
                    items.Add(new Takedown(u.Id, u.AssetId, u.Channel, u.Territory, u.UsedUntil, "before", uncovered.Day, now.GrantId, Reasons(uncovered.Answer)));
                }
            }

            var page = Cursor.InMemory(items, request.Limit ?? Cursor.DefaultLimit, request.Cursor, "takeDownBefore",
                i => (i.TakeDownBefore.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), i.UsageId));
            return new Response(today, within, page.Items, page.NextCursor);
        }

        private static List<CheckRights.ReasonView> Reasons(RightsCheck.Answer answer) =>
            answer.Reasons.Select(r => new CheckRights.ReasonView(r.Code, r.Message, r.GrantId, r.PersonId, r.Source, r.Args)).ToList();
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/takedowns", async (int? withinDays, int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new Request(withinDays, limit, cursor), ct)))
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(ListTakedowns))
            .WithSummary("Usages not covered by a grant now, or that will stop being covered within withinDays (default 30), soonest first; cursor paged")
            .Produces<Response>();
}
