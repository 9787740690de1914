using InfluenceCrm.Creators.PublicQueries;
using System.Globalization;
using System.Text;
using FluentValidation;
using InfluenceCrm.Campaigns.PublicQueries;
using InfluenceCrm.Contracts.PublicQueries;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace InfluenceCrm.Performance.Features;

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

    public sealed record Report(string CampaignId, string CampaignName, DateOnly From, DateOnly To, string GroupBy, string Currency, IReadOnlyList<Row> Rows, Row Totals,
        IReadOnlyList<ObjectiveProgress> Objectives, Definitions Definitions, Unconverted Unconverted);

    public sealed record Row(string Key, long Clicks, long HumanClicks, long UniqueVisitors, long? Impressions, long? Reach, long? Views, long? Engagements,
        decimal? EngagementRate, decimal? Ctr, long Conversions, long Revenue, long? Cost, decimal? Cpc, decimal? Cpa, decimal? Roas, decimal? Cpm, long? Emv)
    {
        /// <summary>What the key names, for people: the creator's name, or the deliverable's creator, platform and format.</summary>
        public string? Name { get; init; }

        /// <summary>Site sessions as Google Analytics 4 counted them (imported exports whose period lies in the report's): GA4's figures, never added to ours.</summary>
        public long? Ga4Sessions { get; init; }
        public long? Ga4KeyEvents { get; init; }
        /// <summary>GA4's revenue in minor units of the report's currency.</summary>
        public long? Ga4Revenue { get; init; }
    }

    public sealed record ObjectiveProgress(string Type, string Kpi, decimal Target, decimal Actual, decimal Progress);

    public sealed record Definitions(string EngagementRate, string Ctr, string UniqueVisitors, string Emv, IReadOnlyDictionary<string, long> EmvCpmMinor, long EmvEngagementValueMinor);

    public sealed record Unconverted(int Conversions, int Costs);

    public static readonly Sql ClicksByLink = Sql.Both("""
        SELECT l.id AS GroupKey, SUM(d.clicks) AS Clicks, SUM(d.human_clicks) AS HumanClicks, SUM(d.unique_visitors) AS UniqueVisitors
        FROM perf_links l JOIN perf_link_daily d ON d.link_id = l.id
        WHERE l.workspace_id = @WorkspaceId AND l.campaign_id = @CampaignId AND d.day >= @From AND d.day <= @To
        GROUP BY l.id
        """);

    /// <summary>The campaign's day rollups (the click writer keeps them with the link rollups): a row per day, not per link and day.</summary>
    public static readonly Sql ClicksByDay = Sql.Both("""
        SELECT day AS GroupKey, clicks AS Clicks, human_clicks AS HumanClicks, unique_visitors AS UniqueVisitors
        FROM perf_campaign_daily
        WHERE workspace_id = @WorkspaceId AND campaign_id = @CampaignId AND day >= @From AND day <= @To
        """);

    public static readonly Sql Links = Sql.Both(
        "SELECT id AS Id, deliverable_id AS DeliverableId, creator_id AS CreatorId, platform AS Platform FROM perf_links WHERE workspace_id = @WorkspaceId AND campaign_id = @CampaignId");

    public static readonly Sql LatestSnapshots = Sql.Both("""
        SELECT s.deliverable_id AS DeliverableId, s.views AS Views, s.reach AS Reach, s.impressions AS Impressions, s.likes AS Likes, s.comments AS Comments,
            s.shares AS Shares, s.saves AS Saves
        FROM perf_engagement_snapshots s
        WHERE s.workspace_id = @WorkspaceId AND s.campaign_id = @CampaignId AND s.captured_at < @SnapshotsEnd
          AND s.captured_at = (SELECT MAX(x.captured_at) FROM perf_engagement_snapshots x WHERE x.deliverable_id = s.deliverable_id AND x.captured_at < @SnapshotsEnd)
        """);

    public static readonly Sql SiteMetrics = Sql.Both("""
        SELECT deliverable_id AS DeliverableId, currency AS Currency, SUM(sessions) AS Sessions, SUM(key_events) AS KeyEvents, SUM(revenue) AS Revenue
        FROM perf_site_metrics
        WHERE workspace_id = @WorkspaceId AND campaign_id = @CampaignId AND period_start >= @From AND period_end <= @To
        GROUP BY deliverable_id, currency
        """);

    public static readonly Sql Conversions = Sql.Both("""
        SELECT deliverable_id AS DeliverableId, creator_id AS CreatorId, link_id AS LinkId, amount AS Amount, currency AS Currency, occurred_at AS OccurredAt
        FROM perf_conversions
        WHERE workspace_id = @WorkspaceId AND campaign_id = @CampaignId AND occurred_at >= @FromTime AND occurred_at < @ToEnd
        """);

    private sealed class ClickRow
    {
        public object GroupKey { get; init; } = "";
        public long Clicks { get; init; }
        public long HumanClicks { get; init; }
        public long UniqueVisitors { get; init; }
    }

    private sealed class LinkRow
    {
        public string Id { get; init; } = "";
        public string? DeliverableId { get; init; }
        public string CreatorId { get; init; } = "";
        public string Platform { get; init; } = "";
    }

    private sealed class SiteRow
    {
        public string DeliverableId { get; init; } = "";
        public string Currency { get; init; } = "";
        public long Sessions { get; init; }
        public long? KeyEvents { get; init; }
        public long? Revenue { get; init; }
    }

    private sealed class ConversionRow
    {
        public string? DeliverableId { get; init; }
        public string? CreatorId { get; init; }
        public string? LinkId { get; init; }
        public long Amount { get; init; }
        public string Currency { get; init; } = "";
        public DateTimeOffset OccurredAt { get; init; }
    }

    private static readonly DateOnly FirstDay = new(2000, 1, 1);
    private static readonly DateOnly LastDay = new(2100, 12, 31);

    /// <summary>The period's rules, the same for one report and for several.</summary>
    private static void PeriodRules<T>(AbstractValidator<T> v, Func<T, DateOnly?> from, Func<T, DateOnly?> to)
    {
        v.RuleFor(r => from(r)).InclusiveBetween(FirstDay, LastDay).When(r => from(r) is not null).OverridePropertyName("from")
            .WithMessage("from is a day between 2000-01-01 and 2100-12-31.");
        v.RuleFor(r => to(r)).InclusiveBetween(FirstDay, LastDay).When(r => to(r) is not null).OverridePropertyName("to")
            .WithMessage("to is a day between 2000-01-01 and 2100-12-31.");
        v.RuleFor(r => to(r)).Must((r, t) => t >= from(r)).When(r => from(r) is not null && to(r) is not null).OverridePropertyName("to").WithMessage("to cannot be before from.");
        v.RuleFor(r => to(r)).Must((r, t) => t!.Value.DayNumber - from(r)!.Value.DayNumber <= 3660).When(r => from(r) is not null && to(r) is not null)
            .OverridePropertyName("to").WithMessage("A report spans at most ten years.");
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.GroupBy).Must(g => Groupings.Contains(g!)).When(r => r.GroupBy is not null).WithMessage($"groupBy is one of: {string.Join(", ", Groupings)}.");
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

    private sealed class Bucket
    {
        public long Clicks, HumanClicks, UniqueVisitors, Conversions, Revenue;
        public long? Impressions, Reach, Views, Engagements, Cost, Emv;
        public bool HasEngagement, HasCost;

        public void AddEngagement(PerfStore.SnapshotRow s, long cpmMinor, long engagementValue)
        {
            HasEngagement = true;
            var engagements = (s.Likes ?? 0) + (s.Comments ?? 0) + (s.Shares ?? 0) + (s.Saves ?? 0);
            Impressions = (Impressions ?? 0) + (s.Impressions ?? 0);
            Reach = (Reach ?? 0) + (s.Reach ?? 0);
            Views = (Views ?? 0) + (s.Views ?? 0);
            Engagements = (Engagements ?? 0) + engagements;
            Emv = (Emv ?? 0) + (long)Math.Round((s.Impressions ?? 0) * cpmMinor / 1000m + engagements * engagementValue, MidpointRounding.AwayFromZero);
        }

        public void AddCost(decimal amount)
        {
            HasCost = true;
            Cost = (Cost ?? 0) + (long)Math.Round(amount, MidpointRounding.AwayFromZero);
        }

        public long? Ga4Sessions, Ga4KeyEvents, Ga4Revenue;

        public void AddSite(SiteRow site, bool sameCurrency)
        {
            Ga4Sessions = (Ga4Sessions ?? 0) + site.Sessions;
            Ga4KeyEvents = site.KeyEvents is { } k ? (Ga4KeyEvents ?? 0) + k : Ga4KeyEvents;
            Ga4Revenue = site.Revenue is { } r && sameCurrency ? (Ga4Revenue ?? 0) + r : Ga4Revenue;
        }

        public Row ToRow(string key)
        {
            static decimal? Ratio(decimal? a, decimal? b, decimal scale = 1) => a is null || b is null or 0 ? null : Math.Round(a.Value / b.Value * scale, 4);
            var impressions = HasEngagement ? Impressions : null;
            return new Row(key, Clicks, HumanClicks, UniqueVisitors, impressions, HasEngagement ? Reach : null, HasEngagement ? Views : null,
                HasEngagement ? Engagements : null, Ratio(Engagements, Reach, 100), Ratio(Clicks, impressions, 100), Conversions, Revenue, HasCost ? Cost : null,
                Ratio(HasCost ? Cost : null, Clicks), Ratio(HasCost ? Cost : null, Conversions), Ratio(Revenue, HasCost ? Cost : null),
                Ratio(HasCost ? Cost : null, impressions, 1000), HasEngagement ? Emv : null)
            {
                Ga4Sessions = Ga4Sessions,
                Ga4KeyEvents = Ga4KeyEvents,
                Ga4Revenue = Ga4Revenue,
            };
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

        private async Task<IReadOnlyList<Report>> BuildAsync(string campaignId, DateOnly? askedFrom, DateOnly? askedTo, IReadOnlyList<string> groupings, CancellationToken cancellationToken)
        {
            var plan = await mediator.Send(new GetCampaignPlan.Request(campaignId), cancellationToken);
            var costs = await mediator.Send(new GetContractCosts.Request(plan.Id), cancellationToken);
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            // The period defaults to the campaign's dates, else the 90 days to today.
            var to = askedTo ?? (plan.EndsOn is { } ends && (askedFrom is null || ends >= askedFrom) ? ends : today);
            var from = askedFrom ?? (plan.StartsOn is { } starts && starts <= to && to.DayNumber - starts.DayNumber <= 3660 ? starts : to.AddDays(-89));
            var currency = plan.Budget?.Currency ?? "EUR";
            var cpm = Vocabulary.Platforms.ToDictionary(p => p, p => configuration.GetValue($"Performance:Emv:CpmMinor:{p}", DefaultCpm.GetValueOrDefault(p, 800)));
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

            List<ClickRow> clicksByLink = [], clicksByDay = [];
            List<LinkRow> links;
            List<PerfStore.SnapshotRow> snapshots;
            List<ConversionRow> conversions;
            List<SiteRow> site;
            await using (var c = await db.OpenAsync(cancellationToken))
            {
                if (groupings.Any(g => g != "day"))
                {
                    clicksByLink = (await c.QueryAsync<ClickRow>(ClicksByLink, p, ct: cancellationToken)).ToList();
                }

                if (groupings.Contains("day"))
                {
                    clicksByDay = (await c.QueryAsync<ClickRow>(ClicksByDay, p, ct: cancellationToken)).ToList();
                }

                links = (await c.QueryAsync<LinkRow>(Links, p, ct: cancellationToken)).ToList();
                snapshots = (await c.QueryAsync<PerfStore.SnapshotRow>(LatestSnapshots, p, ct: cancellationToken)).ToList();
                conversions = (await c.QueryAsync<ConversionRow>(Conversions, p, ct: cancellationToken)).ToList();
                site = (await c.QueryAsync<SiteRow>(SiteMetrics, p, ct: cancellationToken)).ToList();
            }

            var creatorNames = (await mediator.Send(new GetCreatorSummaries.Request(plan.Deliverables.Select(d => d.CreatorId).Concat(plan.AgreedFees.Select(f => f.CreatorId)).ToList()),
                cancellationToken)).ToDictionary(x => x.Key, x => x.Value.DisplayName);
            return groupings.Select(g => Build(g, g == "day" ? clicksByDay : clicksByLink)).ToList();

            Report Build(string groupBy, List<ClickRow> clicks)
            {
                var deliverables = plan.Deliverables.ToDictionary(d => d.Id);
                var linkById = links.ToDictionary(l => l.Id);
                string KeyOf(string? deliverableId, string? creatorId, string? platform) => groupBy switch
                {
                    "deliverable" => deliverableId ?? $"creator:{creatorId}",
                    "creator" => creatorId ?? "unattributed",
                    "platform" => platform ?? "unknown",
                    _ => "",
                };

                var buckets = new SortedDictionary<string, Bucket>(StringComparer.Ordinal);
                var totals = new Bucket();
                Bucket At(string key) => buckets.TryGetValue(key, out var b) ? b : buckets[key] = new Bucket();

                foreach (var row in clicks)
                {
                    var key = groupBy == "day" ? DayText(row.GroupKey) : linkById.TryGetValue((string)row.GroupKey, out var l) ? KeyOf(l.DeliverableId, l.CreatorId, l.Platform) : "unknown";
                    foreach (var b in new[] { At(key), totals })
                    {
                        b.Clicks += row.Clicks;
                        b.HumanClicks += row.HumanClicks;
                        b.UniqueVisitors += row.UniqueVisitors;
                    }
                }

                foreach (var row in site)
                {
                    var d = deliverables.GetValueOrDefault(row.DeliverableId);
                    if (groupBy != "day")
                    {
                        At(KeyOf(row.DeliverableId, d?.CreatorId, d?.Platform)).AddSite(row, row.Currency.Trim() == currency);
                    }

                    totals.AddSite(row, row.Currency.Trim() == currency);
                }

                foreach (var s in snapshots)
                {
                    var d = deliverables.GetValueOrDefault(s.DeliverableId);
                    var rate = cpm.GetValueOrDefault(d?.Platform ?? "", 800);
                    if (groupBy != "day")
                    {
                        At(KeyOf(s.DeliverableId, d?.CreatorId, d?.Platform)).AddEngagement(s, rate, engagementValue);
                    }

                    totals.AddEngagement(s, rate, engagementValue);
                }

                var unconvertedConversions = 0;
                foreach (var cv in conversions)
                {
                    if (cv.Currency.Trim() != currency)
                    {
                        unconvertedConversions++;
                        continue;
                    }

                    var d = cv.DeliverableId is null ? null : deliverables.GetValueOrDefault(cv.DeliverableId);
                    var platform = d?.Platform ?? (cv.LinkId is not null && linkById.TryGetValue(cv.LinkId, out var l) ? l.Platform : null);
                    var key = groupBy == "day" ? cv.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : KeyOf(cv.DeliverableId, cv.CreatorId, platform);
                    foreach (var b in new[] { At(key), totals })
                    {
                        b.Conversions++;
                        b.Revenue += cv.Amount;
                    }
                }

                // Cost: contracts (fee + in-kind) per creator, else the roster's agreed fee; spread over the creator's deliverables.
                var unconvertedCosts = 0;
                var creatorCosts = new Dictionary<string, long>();
                foreach (var creator in costs.Select(x => x.CreatorId).Concat(plan.AgreedFees.Select(f => f.CreatorId)).Distinct())
                {
                    var fromContracts = costs.Where(x => x.CreatorId == creator).ToList();
                    var amounts = fromContracts.Count > 0 ? fromContracts.Select(x => x.Amount).ToList() : plan.AgreedFees.Where(f => f.CreatorId == creator && f.Fee is not null).Select(f => f.Fee!).ToList();
                    unconvertedCosts += amounts.Count(a => a.Currency != currency);
                    creatorCosts[creator] = amounts.Where(a => a.Currency == currency).Sum(a => a.Amount ?? 0);
                }

                foreach (var (creator, cost) in creatorCosts)
                {
                    totals.AddCost(cost);
                    if (groupBy == "day")
                    {
                        continue;
                    }

                    var own = plan.Deliverables.Where(d => d.CreatorId == creator).ToList();
                    if (own.Count == 0 || groupBy == "creator")
                    {
                        At(KeyOf(null, creator, null)).AddCost(cost);
                        continue;
                    }

                    foreach (var d in own)
                    {
                        At(KeyOf(d.Id, creator, d.Platform)).AddCost((decimal)cost / own.Count);
                    }
                }

                var totalRow = totals.ToRow("total");
                var objectives = plan.Objectives.Select(o =>
                {
                    var actual = o.Kpi switch
                    {
                        "impressions" => totalRow.Impressions ?? 0,
                        "reach" => totalRow.Reach ?? 0,
                        "engagement_rate" => totalRow.EngagementRate ?? 0,
                        "clicks" => totalRow.Clicks,
                        "sales" => totalRow.Conversions,
                        "revenue" => totalRow.Revenue,
                        _ => 0m,
                    };
                    return new ObjectiveProgress(o.Type, o.Kpi, o.Target, actual, o.Target == 0 ? 0 : Math.Round(actual / o.Target, 4));
                }).ToList();

                string? NameOf(string key) => groupBy switch
                {
                    "creator" => creatorNames.GetValueOrDefault(key),
                    "deliverable" when deliverables.TryGetValue(key, out var d) => $"{creatorNames.GetValueOrDefault(d.CreatorId) ?? d.CreatorId}: {d.Platform} {d.Format.Replace('_', ' ')}",
                    _ => null,
                };
                return new Report(plan.Id, plan.Name, from, to, groupBy, currency, buckets.Select(b => b.Value.ToRow(b.Key) with { Name = NameOf(b.Key) }).ToList(), totalRow, objectives,
                    new Definitions(
                        "(likes + comments + shares + saves) / reach × 100, from each deliverable's latest snapshot",
                        "clicks / impressions × 100",
                        "distinct visitors per link and day (salted IP hash, bots excluded), summed over days",
                        "Σ impressions / 1000 × CPM of the platform + Σ engagements × value per engagement (minor units; configurable: Performance:Emv:CpmMinor:<platform>, Performance:Emv:EngagementValueMinor)",
                        cpm, engagementValue),
                    new Unconverted(unconvertedConversions, unconvertedCosts));
            }
        }

        private static string DayText(object key) => key switch
        {
            DateTime dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => Convert.ToString(key, CultureInfo.InvariantCulture)!,
        };
    }

    /// <summary>
    /// The report as a spreadsheet reads it, written by CsvHelper: CRLF line ends, quoting where a cell needs it, cells
    /// that start with =, +, -, @, tab or CR neutralised (OWASP CSV injection: a creator's name is user input), names next
    /// to ids, and money columns that say their currency and unit.
    /// </summary>
    public static string ToCsv(Report report)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvHelper.CsvWriter.Create(text, new CsvHelper.CsvWriterOptions { NewLine = "\r\n", Injection = CsvHelper.CsvInjection.Escape }, true))
        {
            var money = $"{report.Currency}, minor units";
            foreach (var header in new[]
            {
                report.GroupBy, "name", "clicks", "human_clicks", "unique_visitors", "impressions", "reach", "views", "engagements", "engagement_rate_pct", "ctr_pct",
                "conversions", $"revenue ({money})", $"cost ({money})", $"cpc ({money})", $"cpa ({money})", "roas", $"cpm ({money})", $"emv ({money})",
            })
            {
                csv.WriteField(header);
            }

            csv.EndRecord();
            foreach (var row in report.Rows.Append(report.Totals with { Name = "total" }))
            {
                foreach (var cell in new object?[]
                {
                    row.Key, row.Name, row.Clicks, row.HumanClicks, row.UniqueVisitors, row.Impressions, row.Reach, row.Views, row.Engagements, row.EngagementRate, row.Ctr,
                    row.Conversions, row.Revenue, row.Cost, row.Cpc, row.Cpa, row.Roas, row.Cpm, row.Emv,
                })
                {
                    csv.WriteField(cell switch { null => "", IFormattable f => f.ToString(null, CultureInfo.InvariantCulture), _ => cell.ToString() });
                }

                csv.EndRecord();
            }
        }

        return text.ToString();
    }

    /// <summary>The file name a browser saves the CSV under.</summary>
    public static string CsvFileName(Report report) =>
        $"report-{LinkRules.CampaignSlug(report.CampaignName)}-{report.GroupBy}-{report.From:yyyy-MM-dd}-{report.To:yyyy-MM-dd}.csv";

    internal static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/campaigns/{id}", async (string id, DateOnly? from, DateOnly? to, string? groupBy, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new Request(id, from, to, groupBy), ct)))
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(GetCampaignReport))
            .WithSummary("Campaign performance report (from, to, groupBy = creator | deliverable | platform | day)")
            .Produces<Report>();
        group.MapGet("/campaigns/{id}.csv", async (string id, DateOnly? from, DateOnly? to, string? groupBy, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var report = await mediator.Send(new Request(id, from, to, groupBy), ct);
                http.Response.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("attachment") { FileNameStar = CsvFileName(report) }.ToString();
                return Results.Text(ToCsv(report), "text/csv; charset=utf-8", Encoding.UTF8);
            })
            .RequireAuthorization(Policies.Read)
            .WithName("ExportCampaignReport")
            .WithSummary("The same report as CSV")
            .Produces<string>(StatusCodes.Status200OK, "text/csv");
    }
}
