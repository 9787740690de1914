using System.Text;
using FluentValidation;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Campaigns.Features;

/// <summary>
/// The editorial calendar as an iCalendar (RFC 5545) feed a calendar app can subscribe to: one all-day event per
/// deliverable, on its publication day if published, else its due day. Calendar apps cannot send headers, so the
/// subscription URL carries a calendar-feed secret as <c>?key=</c> (POST /api/v1/calendar-feeds): it opens this feed and
/// nothing else, and a feed made for one campaign shows that campaign only. API keys are accepted in the header only.
/// </summary>
public static class GetCalendarFeed
{
    public const int MaxEvents = 5000;

    public sealed record Request : DeliverableFilter, IRequest<string>;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator() => Include(new DeliverableFilterValidator());
    }

    internal sealed class Handler(DeliverableQuery query, CampaignStore store, Caller caller) : IRequestHandler<Request, string>
    {
        public async Task<string> Handle(Request request, CancellationToken cancellationToken)
        {
            if (caller.FeedCampaignId is { } scope)
            {
                request = request with { CampaignId = scope };
            }

            var filter = request.From is null ? request with { From = store.Today.AddDays(-30), To = store.Today.AddDays(180) } : request;
            var page = await query.PageAsync(filter, MaxEvents, null, cancellationToken);
            var calendar = new Calendar();
            calendar.AddProperty("X-WR-CALNAME", "InfluenceCrm editorial calendar");
            calendar.AddProperty("X-PUBLISHED-TTL", "PT1H");
            foreach (var entry in page.Items)
            {
                var d = entry.Deliverable;
                var format = d.Format == "story" ? $"story ({d.StoryFrames} frames)" : d.Format.Replace('_', ' ');
                calendar.Events.Add(new CalendarEvent
                {
                    Uid = $"{d.Id}@influencecrm",
                    Summary = $"{entry.CreatorName ?? d.CreatorId}: {d.Platform} {format} [{d.Status}]",
                    Description = new StringBuilder()
                        .AppendLine($"Campaign: {entry.CampaignName}")
                        .AppendLine($"Market: {d.Market}")
                        .AppendLine($"Due: {d.DueOn:yyyy-MM-dd}")
                        .AppendLine(d.Title is null ? "" : $"Title: {d.Title}")
                        .ToString().Trim(),
                    Start = new CalDateTime(entry.Date.Year, entry.Date.Month, entry.Date.Day),
                    End = new CalDateTime(entry.Date.AddDays(1).Year, entry.Date.AddDays(1).Month, entry.Date.AddDays(1).Day),
                    DtStamp = new CalDateTime(d.UpdatedAt.UtcDateTime),
                    Sequence = (int)Math.Min(d.Version, int.MaxValue),
                    Url = d.Publication?.PostUrl is { } url ? new Uri(url) : null,
                });
            }

            return new CalendarSerializer().SerializeToString(calendar) ?? "";
        }
    }

    internal static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/calendar.ics", async ([AsParameters] Query q, IMediator mediator, CancellationToken ct) =>
                Results.Text(await mediator.Send(new Request
                {
                    From = q.From,
                    To = q.To,
                    CampaignId = q.CampaignId,
                    CreatorId = q.CreatorId,
                    Platform = q.Platform,
                    Status = q.Status,
                    Market = q.Market,
                }, ct), "text/calendar; charset=utf-8", Encoding.UTF8))
            .RequireAuthorization(Policies.CalendarRead)
            .WithMetadata(KeyInQueryAllowed.Instance)
            .WithTags("Calendar")
            .WithName(nameof(GetCalendarFeed))
            .WithSummary("The editorial calendar as an iCalendar feed (subscribe with the URL of POST /api/v1/calendar-feeds; default: 30 days back, 180 ahead)")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar");

    /// <summary>The query string; <c>key</c> is read by authentication.</summary>
    public sealed record Query(DateOnly? From, DateOnly? To, string? CampaignId, string? CreatorId, string? Platform, string? Status, string? Market, string? Key);
}
