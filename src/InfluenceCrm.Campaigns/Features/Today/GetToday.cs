using InfluenceCrm.Platform.BrandDay;
using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.Campaigns.Features;

/// <summary>
/// The brand's day (the console's home page, Today): drafts waiting for review, deliverables due this week, the overdue count,
/// campaigns starting or ending this week, and by role the payments due this week (Contracts) and legal's counts (UgcRights,
/// and the failed disclosure checks). Each part is a request the API answers at its own endpoint (the calendar, the overdue
/// count, payments, grants, take-downs, verdicts), so this feature has no endpoint of its own; the role decides here, not in the page.
/// </summary>
public static class GetToday
{
    public sealed record Request : IRequest<Response>;

    /// <param name="Payments">Null when the caller's role may not read contracts.</param>
    /// <param name="Legal">Null when the caller's role may not read rights.</param>
    /// <param name="Campaigns">The first <see cref="CampaignsShown"/> campaigns starting or ending this week, by that day.</param>
    /// <param name="CampaignCount">How many start or end this week, counted up to <see cref="CountsShownUpTo"/> + 1.</param>
    public sealed record Response(IReadOnlyList<CalendarEntry> Review, IReadOnlyList<CalendarEntry> DueSoon, int Overdue,
        IReadOnlyList<PaymentDue>? Payments, LegalCounts? Legal, IReadOnlyList<CampaignView> Campaigns, int CampaignCount)
    {
        /// <summary>The week Today looks at: today and the seven days after.</summary>
        public DateOnly From { get; init; }

        public DateOnly To { get; init; }
    }

    /// <summary>Today's cards (overdue deliverables, campaigns starting or ending) count this far; a count above it reads "1,000+".</summary>
    public const int CountsShownUpTo = 1000;

    /// <summary>How many of the week's starting or ending campaigns Today lists ("see all" leads to the rest).</summary>
    public const int CampaignsShown = 10;

    public sealed record LegalCounts(int Expiring, int Takedowns, int FailedDisclosure);

    internal sealed class Handler(IMediator mediator, Caller caller) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var review = new List<CalendarEntry>();
            foreach (var status in new[] { "draft_submitted", "resubmitted" })
            {
                var waiting = new GetEditorialCalendar.Request { From = today.AddDays(-90), To = today.AddDays(90), Status = status, Limit = 20 };
                review.AddRange((await mediator.Send(waiting, cancellationToken)).Items);
            }

            var dueSoon = (await mediator.Send(new GetEditorialCalendar.Request { From = today, To = today.AddDays(7), Limit = 20 }, cancellationToken)).Items
                .Where(e => e.Deliverable.Status is not ("published" or "verified")).ToList();
            // Counted up to one more than the card shows ("1,000+"): the count reads an index entry per overdue deliverable.
            var overdue = (await mediator.Send(new CountOverdueDeliverables.Request(today, CountsShownUpTo + 1), cancellationToken)).Count;
            IReadOnlyList<PaymentDue>? payments = null;
            if (Policies.RolesFor[Policies.Contracts].Contains(caller.Role))
            {
                payments = await mediator.Send(new PaymentsDueBetween(today, today.AddDays(7), 20), cancellationToken);
            }

            LegalCounts? legal = null;
            if (Policies.RolesFor[Policies.Rights].Contains(caller.Role))
            {
                // Counts only: legal's desk lists them.
                var alerts = await mediator.Send(new CountRightsAlerts(30, 200), cancellationToken);
                legal = new LegalCounts(alerts.GrantsEnding, alerts.Takedowns,
                    (await mediator.Send(new ListDisclosureVerdicts.Request(null, null, "fail", 200), cancellationToken)).Items.Count);
            }

            // Starting or ending this week, filtered and ordered in SQL: the first ones by that day, their count capped like the overdue one.
            var week = new SearchCampaigns.Request
            {
                From = today,
                To = today.AddDays(7),
                StartingOrEnding = true,
                Sort = "startOrEnd",
                Limit = CampaignsShown,
            };
            var campaigns = (await mediator.Send(week, cancellationToken)).Items;
            var counted = new CountCampaignsStartingOrEnding.Request(today, today.AddDays(7), CountsShownUpTo + 1);
            var campaignCount = (await mediator.Send(counted, cancellationToken)).Count;
            return new Response(review, dueSoon, overdue, payments, legal, campaigns, campaignCount) { From = today, To = today.AddDays(7) };
        }
    }
}
