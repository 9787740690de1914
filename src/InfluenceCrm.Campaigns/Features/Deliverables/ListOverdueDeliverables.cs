using System.Globalization;
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

/// <summary>
/// Deliverables of open campaigns past their due date and not yet published, the longest late first (due date, then id),
/// with their campaign's and creator's names; keyset paging like the other lists (limit 50 by default, at most 200, and a
/// cursor). How many there are is <see cref="CountOverdueDeliverables"/>.
/// </summary>
public static class ListOverdueDeliverables
{
    private const string SortName = "dueOn";

    public sealed record Request : IRequest<Response>
    {
        /// <summary>The day the list is drawn up for (default today): due before it and not published.</summary>
        public DateOnly? AsOf { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    public sealed record Response(DateOnly AsOf, IReadOnlyList<OverdueItem> Items, string? NextCursor);

    public sealed record OverdueItem(string Id, string CampaignId, string CampaignName, string CreatorId, string? CreatorName, string Platform,
        string Format, string Market, DateOnly DueOn, int DaysLate, string Status);

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator() => RuleFor(r => r.Limit).InclusiveBetween(1, Cursor.MaxLimit);
    }

    /// <summary>Only the columns an item shows.</summary>
    private const string Columns = """
        d.id AS Id, d.campaign_id AS CampaignId, d.creator_id AS CreatorId, d.platform AS Platform, d.format AS Format, d.market AS Market,
        d.due_on AS DueOn, d.status AS Status, c.name AS CampaignName
        """;

    private const string Where = """
        FROM campaign_deliverables d JOIN campaign_campaigns c ON c.id = d.campaign_id
        WHERE d.workspace_id = @WorkspaceId AND d.due_on < @AsOf AND d.status NOT IN ('published', 'verified', 'cancelled')
          AND c.status IN ('draft', 'planned', 'live')
        """;

    /// <summary>After the cursor: a range on the due date (a seek of the overdue index, migration 0049), then the id within the day.</summary>
    private const string After = "AND d.due_on >= @After AND (d.due_on > @After OR d.id > @AfterId)";

    public static readonly Sql First = Sql.Per(
        sqlite: $"SELECT {Columns}\n{Where}\nORDER BY d.due_on, d.id LIMIT @Take",
        sqlServer: $"SELECT TOP (@Take) {Columns}\n{Where}\nORDER BY d.due_on, d.id");

    public static readonly Sql Next = Sql.Per(
        sqlite: $"SELECT {Columns}\n{Where}\n  {After}\nORDER BY d.due_on, d.id LIMIT @Take",
        sqlServer: $"SELECT TOP (@Take) {Columns}\n{Where}\n  {After}\nORDER BY d.due_on, d.id");

    internal sealed class Handler(Db db, Caller caller, CampaignStore store, IMediator mediator) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            var asOf = request.AsOf ?? store.Today;
            var limit = request.Limit ?? Cursor.DefaultLimit;
            var after = Cursor.Decode(request.Cursor, SortName);
            var afterDay = after is null ? (DateOnly?)null
                : DateOnly.TryParseExact(after.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
                : throw new BadRequestException("The cursor is not one this API issued.");
            List<CampaignStore.DeliverableRow> rows;
            await using (var c = await db.OpenAsync(cancellationToken))
            {
                rows = (await c.QueryAsync<CampaignStore.DeliverableRow>(after is null ? First : Next,
                    new { caller.WorkspaceId, AsOf = asOf, After = afterDay, AfterId = after?.Id, Take = limit + 1 }, ct: cancellationToken)).ToList();
            }

            var page = Cursor.ToPage(rows, limit, SortName, r => (r.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Id));
            var creators = await mediator.Send(new GetCreatorSummaries.Request(page.Items.Select(r => r.CreatorId).Distinct().ToList()), cancellationToken);
            return new Response(asOf, page.Items.Select(r => new OverdueItem(r.Id, r.CampaignId, r.CampaignName ?? "", r.CreatorId,
                creators.GetValueOrDefault(r.CreatorId)?.DisplayName, r.Platform, r.Format, r.Market.Trim(), r.DueOn, asOf.DayNumber - r.DueOn.DayNumber,
                r.Status)).ToList(), page.NextCursor);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/overdue", async ([AsParameters] Request request, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(request, ct)))
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(ListOverdueDeliverables))
            .WithSummary("Deliverables past due and not published, the longest late first (asOf defaults to today; cursor paging)")
            .Produces<Response>();
}
