using FluentValidation;
using InfluenceCrm.Creators.PublicQueries;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.Campaigns;

/// <summary>A deliverable in a list across campaigns: with its campaign's name and its creator's name.</summary>
public sealed record CalendarEntry(DeliverableView Deliverable, string CampaignName, string? CreatorName)
{
    /// <summary>The day it stands on the calendar: when it was published, else when it is due.</summary>
    public DateOnly Date => Deliverable.Publication?.PublishedAt is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : Deliverable.DueOn;
}

/// <summary>The filters shared by a campaign's deliverable list, the editorial calendar and its iCalendar feed.</summary>
public record DeliverableFilter
{
    public string? CampaignId { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public string? CreatorId { get; init; }
    public string? Platform { get; init; }
    public string? Status { get; init; }
    public string? Market { get; init; }
}

internal sealed class DeliverableFilterValidator : AbstractValidator<DeliverableFilter>
{
    public const int MaxDays = 366;

    public DeliverableFilterValidator()
    {
        RuleFor(f => f.Platform).Must(p => Vocabulary.Platforms.Contains(p!))
            .WithMessage($"platform must be one of: {Vocabulary.ListOf(Vocabulary.Platforms)}.").When(f => f.Platform is not null);
        RuleFor(f => f.Status).Must(s => CampaignRules.DeliverableStatuses.Contains(s!))
            .WithMessage($"status must be one of: {string.Join(", ", CampaignRules.DeliverableStatuses)}.").When(f => f.Status is not null);
        RuleFor(f => f.Market).Must(m => Vocabulary.Countries.Contains(m!)).WithMessage("market must be an ISO 3166-1 alpha-2 code, e.g. FR.")
            .When(f => f.Market is not null);
        RuleFor(f => f.To).NotNull().WithMessage("from and to go together.").When(f => f.From is not null);
        RuleFor(f => f.From).NotNull().WithMessage("from and to go together.").When(f => f.To is not null);
        RuleFor(f => f.To).Must((f, to) => to >= f.From && to!.Value.DayNumber - f.From!.Value.DayNumber <= MaxDays)
            .WithMessage($"to must be on or after from, at most {MaxDays} days later.").When(f => f.From is not null && f.To is not null);
    }
}

/// <summary>
/// Runs <see cref="CampaignStore.QueryDeliverables"/> — or, when an index can seek the filter, <see cref="ByCampaign"/> or
/// <see cref="InDates"/> — and adds the creators' names (from the Creators module).
/// </summary>
internal sealed class DeliverableQuery(Db db, Caller caller, IMediator mediator)
{
    private const string SortName = "dueOn";

    private const string Joined = $"""
        SELECT {CampaignStore.DeliverableColumns}, c.name AS CampaignName
        FROM campaign_deliverables d JOIN campaign_campaigns c ON c.id = d.campaign_id
        """;

    private const string Dates = "AND (@From IS NULL OR (d.due_on >= @From AND d.due_on <= @To) OR (d.published_at >= @FromTime AND d.published_at < @ToTime))";

    private const string OtherFilters = """
          AND (@CreatorId IS NULL OR d.creator_id = @CreatorId)
          AND (@Platform IS NULL OR d.platform = @Platform)
          AND (@Status IS NULL OR d.status = @Status)
          AND (@Market IS NULL OR d.market = @Market)
          AND (@AfterId IS NULL OR d.due_on > @After OR (d.due_on = @After AND d.id > @AfterId))
        """;

    /// <summary>
    /// One campaign's deliverables (its board, its list): through the campaign's index, in due-date order. The optional
    /// "@CampaignId IS NULL OR …" of the shared statement cannot seek, so SQLite read the workspace's deliverables in date
    /// order to find the campaign's ten. The workspace test is kept off the workspace index on SQLite (unary +).
    /// </summary>
    internal static readonly Sql ByCampaign = Sql.Per(
        sqlite: $"{Joined}\nWHERE +d.workspace_id = @WorkspaceId AND d.campaign_id = @CampaignId {Dates}\n{OtherFilters}\nORDER BY d.due_on, d.id LIMIT @Take",
        sqlServer: $"""
            SELECT TOP (@Take) {CampaignStore.DeliverableColumns}, c.name AS CampaignName
            FROM campaign_deliverables d JOIN campaign_campaigns c ON c.id = d.campaign_id
            WHERE d.workspace_id = @WorkspaceId AND d.campaign_id = @CampaignId {Dates}
            {OtherFilters}
            ORDER BY d.due_on, d.id
            OPTION (RECOMPILE)
            """);

    /// <summary>
    /// Deliverables due or published between two dates (the calendar, Today): on SQLite, those due in the range in date
    /// order from the due-date index, stopping at the page, and apart those published in the range and due outside it
    /// (publication index, migration 0050), then the two merged — the OR of the shared statement cannot seek, so it read
    /// the workspace's deliverables from the earliest due date on. SQL Server unions the two indexes itself (the shared
    /// statement, recompiled per call).
    /// </summary>
    internal static readonly Sql InDates = Sql.Per(
        sqlite: $"""
            SELECT * FROM (
                SELECT * FROM ({Joined}
                    WHERE d.workspace_id = @WorkspaceId AND d.due_on >= @From AND d.due_on <= @To
                    {OtherFilters}
                    ORDER BY d.due_on, d.id LIMIT @Take)
                UNION ALL
                SELECT * FROM ({Joined}
                    WHERE d.workspace_id = @WorkspaceId AND d.published_at >= @FromTime AND d.published_at < @ToTime
                      AND NOT (d.due_on >= @From AND d.due_on <= @To)
                    {OtherFilters}
                    ORDER BY d.due_on, d.id LIMIT @Take))
            ORDER BY DueOn, Id LIMIT @Take
            """,
        sqlServer: $"""
            SELECT TOP (@Take) {CampaignStore.DeliverableColumns}, c.name AS CampaignName
            FROM campaign_deliverables d JOIN campaign_campaigns c ON c.id = d.campaign_id
            WHERE d.workspace_id = @WorkspaceId {Dates}
            {OtherFilters}
            ORDER BY d.due_on, d.id
            OPTION (RECOMPILE)
            """);

    public async Task<Page<CalendarEntry>> PageAsync(DeliverableFilter filter, int limit, string? cursor, CancellationToken ct)
    {
        var after = Cursor.Decode(cursor, SortName);
        List<CampaignStore.DeliverableRow> rows;
        await using (var c = await db.OpenAsync(ct))
        {
            var statement = filter.CampaignId is not null ? ByCampaign : filter.From is not null ? InDates : CampaignStore.QueryDeliverables;
            rows = (await c.QueryAsync<CampaignStore.DeliverableRow>(statement, new
            {
                caller.WorkspaceId,
                filter.CampaignId,
                filter.From,
                filter.To,
                FromTime = filter.From is { } from ? new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : (DateTimeOffset?)null,
                ToTime = filter.To is { } to ? new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : (DateTimeOffset?)null,
                filter.CreatorId,
                filter.Platform,
                filter.Status,
                filter.Market,
                After = after is null ? (DateOnly?)null : DateOnly.FromDateTime(Cursor.TimeOf(after).UtcDateTime),
                AfterId = after?.Id,
                Take = limit + 1,
            }, ct: ct)).ToList();
        }

        var page = Cursor.ToPage(rows, limit, SortName, r => (r.DueOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), r.Id));
        var creators = await mediator.Send(new GetCreatorSummaries.Request(page.Items.Select(r => r.CreatorId).ToList()), ct);
        return new Page<CalendarEntry>(
            page.Items.Select(r => new CalendarEntry(r.ToView(), r.CampaignName ?? "", creators.GetValueOrDefault(r.CreatorId)?.DisplayName)).ToList(),
            page.NextCursor);
    }
}
