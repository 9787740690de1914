using InfluenceCrm.Creators.PublicQueries;
using System.Text;
using FluentValidation;
using InfluenceCrm.Campaigns.PublicQueries;
using InfluenceCrm.Contracts.PublicQueries;
using InfluenceCrm.Performance.Reports;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace InfluenceCrm.Performance.Features.Reports;

/// <summary>
/// A campaign's figures between two days, grouped by creator, deliverable, platform or day, with totals and progress
/// against the campaign's objectives, by default over the campaign's dates. Clicks come from the daily rollups (never the raw clicks), engagement from each
/// deliverable's latest snapshot up to the end of the period, revenue from attributed conversions, cost from signed
/// contracts (fee + in-kind) else the roster's agreed fee, spread evenly over the creator's deliverables. Money is in the
/// budget currency (EUR without a budget); amounts in other currencies are left out and counted in "unconverted".
/// </summary>
public static class GetCampaignReport
{
    public static readonly string[] Groupings = ["creator", "deliverable", "platform", "day"];

    public sealed record Request(string CampaignId, DateOnly? From, DateOnly? To, string? GroupBy) : IRequest<Report>;

    /// <summary>The same report grouped several ways from one reading of the data (the console's report page: its table and charts).</summary>
    public sealed record Several(string CampaignId, DateOnly? From, DateOnly? To, IReadOnlyList<string> Groupings) : IRequest<IReadOnlyList<Report>>;

    public sealed record Report(string CampaignId, string CampaignName, DateOnly From, DateOnly To, string GroupBy, string Currency, IReadOnlyList<Row> Rows,
        Row Totals,
        IReadOnlyList<ObjectiveProgress> Objectives, Definitions Definitions, Unconverted Unconverted);

    public sealed record Row(string Key, long Clicks, long HumanClicks, long UniqueVisitors, long? Impressions, long? Reach, long? Views, long? Engagements,
        decimal? EngagementRate, decimal? Ctr, long Conversions, long Revenue, long? Cost, decimal? Cpc, decimal? Cpa, decimal? Roas, decimal? Cpm, long? Emv)
    {
        /// <summary>What the key names, for people: the creator's name, or the deliverable's creator, platform and format.</summary>
        public string? Name { get; init; }

        /// <summary>Site sessions as Google Analytics 4 counted them (imported exports whose period lies in the report's): GA4's figures, never added to
        /// ours.</summary>
        public long? Ga4Sessions { get; init; }
        public long? Ga4KeyEvents { get; init; }
        /// <summary>GA4's revenue in minor units of the report's currency.</summary>
        public long? Ga4Revenue { get; init; }
    }

    public sealed record ObjectiveProgress(string Type, string Kpi, decimal Target, decimal Actual, decimal Progress);

    public sealed record Definitions(string EngagementRate, string Ctr, string UniqueVisitors, string Emv, IReadOnlyDictionary<string, long> EmvCpmMinor,
        long EmvEngagementValueMinor);

    public sealed record Unconverted(int Conversions, int Costs);

    private static readonly DateOnly FirstDay = new(2000, 1, 1);
    private static readonly DateOnly LastDay = new(2100, 12, 31);

    /// <summary>The period's rules, the same for one report and for several.</summary>
    private static void PeriodRules<T>(AbstractValidator<T> v, Func<T, DateOnly?> from, Func<T, DateOnly?> to)
    {
        v.RuleFor(r => from(r)).InclusiveBetween(FirstDay, LastDay).When(r => from(r) is not null).OverridePropertyName("from")
            .WithMessage("from is a day between 2000-01-01 and 2100-12-31.");
        v.RuleFor(r => to(r)).InclusiveBetween(FirstDay, LastDay).When(r => to(r) is not null).OverridePropertyName("to")
            .WithMessage("to is a day between 2000-01-01 and 2100-12-31.");
        v.RuleFor(r => to(r)).Must((r, t) => t >= from(r)).When(r => from(r) is not null && to(r) is not null).OverridePropertyName("to")
            .WithMessage("to cannot be before from.");
        v.RuleFor(r => to(r)).Must((r, t) => t!.Value.DayNumber - from(r)!.Value.DayNumber <= 3660).When(r => from(r) is not null && to(r) is not null)
            .OverridePropertyName("to").WithMessage("A report spans at most ten years.");
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.GroupBy).Must(g => Groupings.Contains(g!)).When(r => r.GroupBy is not null)
                .WithMessage($"groupBy is one of: {string.Join(", ", Groupings)}.");
            PeriodRules(this, r => r.From, r => r.To);
        }
    }

    internal sealed class SeveralValidator : AbstractValidator<Several>
    {
        public SeveralValidator()
        {
            RuleFor(r => r.Groupings).NotEmpty().Must(g => g.All(Groupings.Contains)).WithMessage($"Each grouping is one of: {string.Join(", ", Groupings)}.");
            PeriodRules(this, r => r.From, r => r.To);
        }
    }

    internal sealed class Handler(Db db, Caller caller, IMediator mediator, IConfiguration configuration, TimeProvider clock)
        : IRequestHandler<Request, Report>, IRequestHandler<Several, IReadOnlyList<Report>>
    {
        private static readonly Dictionary<string, long> DefaultCpm = new()
        {
            ["instagram"] = 1000,
            ["tiktok"] = 800,
            ["youtube"] = 1200,
            ["x"] = 500,
            ["linkedin"] = 2500,
            ["facebook"] = 700,
            ["twitch"] = 900,
            ["snapchat"] = 600,
            ["pinterest"] = 500,
            ["blog"] = 800,
            ["podcast"] = 1800,
        };

        public async Task<Report> Handle(Request r, CancellationToken cancellationToken) =>
            (await BuildAsync(r.CampaignId, r.From, r.To, [r.GroupBy ?? "creator"], cancellationToken))[0];

        public Task<IReadOnlyList<Report>> Handle(Several r, CancellationToken cancellationToken) =>
            BuildAsync(r.CampaignId, r.From, r.To, r.Groupings, cancellationToken);

        private async Task<IReadOnlyList<Report>> BuildAsync(string campaignId, DateOnly? askedFrom, DateOnly? askedTo, IReadOnlyList<string> groupings,
            CancellationToken cancellationToken)
        {
            var plan = await mediator.Send(new GetCampaignPlan.Request(campaignId), cancellationToken);
            var costs = await mediator.Send(new GetContractCosts.Request(plan.Id), cancellationToken);
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            // The period defaults to the campaign's dates, else the 90 days to today.
            var to = askedTo ?? (plan.EndsOn is { } ends && (askedFrom is null || ends >= askedFrom) ? ends : today);
            var from = askedFrom ?? (plan.StartsOn is { } starts && starts <= to && to.DayNumber - starts.DayNumber <= 3660 ? starts : to.AddDays(-89));
            var currency = plan.Budget?.Currency ?? "EUR";
            var cpm = Vocabulary.Platforms.ToDictionary(p => p,
                p => configuration.GetValue($"Performance:Emv:CpmMinor:{p}", DefaultCpm.GetValueOrDefault(p, 800)));
            var engagementValue = configuration.GetValue("Performance:Emv:EngagementValueMinor", 10L);
            var toEnd = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            // Engagement counts are lifetime totals captured when they were read: by default (no "to" asked) the latest capture
            // counts even when it was read after the campaign ended, as platform exports are.
            var snapshotsEnd = askedTo is null && clock.GetUtcNow() > toEnd ? clock.GetUtcNow().AddTicks(1) : toEnd;
            var p = new
            {
                caller.WorkspaceId,
                CampaignId = plan.Id,
                From = from,
                To = to,
                FromTime = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                ToEnd = toEnd,
                SnapshotsEnd = snapshotsEnd,
            };

            var figures = await ReportQuery.LoadAsync(db, p, groupings, cancellationToken);
            var creatorIds = plan.Deliverables.Select(d => d.CreatorId).Concat(plan.AgreedFees.Select(f => f.CreatorId)).ToList();
            var creatorNames = (await mediator.Send(new GetCreatorSummaries.Request(creatorIds), cancellationToken))
                .ToDictionary(x => x.Key, x => x.Value.DisplayName);
            var buckets = new ReportBuckets(plan, costs, figures, cpm, engagementValue, currency, creatorNames, from, to);
            return groupings.Select(buckets.Build).ToList();
        }
    }

    internal static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/campaigns/{id}", async (string id, DateOnly? from, DateOnly? to, string? groupBy, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new Request(id, from, to, groupBy), ct)))
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(GetCampaignReport))
            .WithSummary("Campaign performance report (from, to, groupBy = creator | deliverable | platform | day)")
            .Produces<Report>();
        group.MapGet("/campaigns/{id}.csv",
            async (string id, DateOnly? from, DateOnly? to, string? groupBy, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var report = await mediator.Send(new Request(id, from, to, groupBy), ct);
                http.Response.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("attachment")
                {
                    FileNameStar = ReportCsv.FileName(report),
                }.ToString();
                return Results.Text(ReportCsv.ToCsv(report), "text/csv; charset=utf-8", Encoding.UTF8);
            })
            .RequireAuthorization(Policies.Read)
            .WithName("ExportCampaignReport")
            .WithSummary("The same report as CSV")
            .Produces<string>(StatusCodes.Status200OK, "text/csv");
    }
}
