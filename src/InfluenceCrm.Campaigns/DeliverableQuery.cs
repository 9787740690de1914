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

/// <summary>Runs <see cref="CampaignStore.QueryDeliverables"/> and adds the creators' names (from the Creators module).</summary>
internal sealed class DeliverableQuery(Db db, Caller caller, IMediator mediator)
{
    private const string SortName = "dueOn";

    public async Task<Page<CalendarEntry>> PageAsync(DeliverableFilter filter, int limit, string? cursor, CancellationToken ct)
    {
        var after = Cursor.Decode(cursor, SortName);
        List<CampaignStore.DeliverableRow> rows;
        await using (var c = await db.OpenAsync(ct))
        {
            rows = (await c.QueryAsync<CampaignStore.DeliverableRow>(CampaignStore.QueryDeliverables, new
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
