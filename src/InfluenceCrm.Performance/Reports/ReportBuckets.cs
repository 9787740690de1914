using System.Globalization;
using InfluenceCrm.Campaigns.PublicQueries;
using InfluenceCrm.Contracts.PublicQueries;
using static InfluenceCrm.Performance.Features.Reports.GetCampaignReport;

namespace InfluenceCrm.Performance.Reports;

/// <summary>
/// The figures of one reading put in buckets, one grouping per <see cref="Build"/> (creator, deliverable, platform or day),
/// with the totals, the cost spread over the creators' deliverables and the progress against the campaign's objectives.
/// </summary>
internal sealed class ReportBuckets(CampaignPlan plan, IReadOnlyList<ContractCost> costs, ReportQuery.Figures figures, Dictionary<string, long> cpm,
    long engagementValue, string currency, IReadOnlyDictionary<string, string> creatorNames, DateOnly from, DateOnly to)
{
    public Report Build(string groupBy)
    {
        var clicks = groupBy == "day" ? figures.ClicksByDay : figures.ClicksByLink;
        var deliverables = plan.Deliverables.ToDictionary(d => d.Id);
        var linkById = figures.Links.ToDictionary(l => l.Id);
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
            var key = groupBy == "day" ? DayText(row.GroupKey)
                : linkById.TryGetValue((string)row.GroupKey, out var l) ? KeyOf(l.DeliverableId, l.CreatorId, l.Platform) : "unknown";
            foreach (var b in new[] { At(key), totals })
            {
                b.Clicks += row.Clicks;
                b.HumanClicks += row.HumanClicks;
                b.UniqueVisitors += row.UniqueVisitors;
            }
        }

        foreach (var row in figures.Site)
        {
            var d = deliverables.GetValueOrDefault(row.DeliverableId);
            if (groupBy != "day")
            {
                At(KeyOf(row.DeliverableId, d?.CreatorId, d?.Platform)).AddSite(row, row.Currency.Trim() == currency);
            }

            totals.AddSite(row, row.Currency.Trim() == currency);
        }

        foreach (var s in figures.Snapshots)
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
        foreach (var cv in figures.Conversions)
        {
            if (cv.Currency.Trim() != currency)
            {
                unconvertedConversions++;
                continue;
            }

            var d = cv.DeliverableId is null ? null : deliverables.GetValueOrDefault(cv.DeliverableId);
            var platform = d?.Platform ?? (cv.LinkId is not null && linkById.TryGetValue(cv.LinkId, out var l) ? l.Platform : null);
            var key = groupBy == "day" ? cv.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : KeyOf(cv.DeliverableId, cv.CreatorId, platform);
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
            var amounts = fromContracts.Count > 0 ? fromContracts.Select(x => x.Amount).ToList()
                : plan.AgreedFees.Where(f => f.CreatorId == creator && f.Fee is not null).Select(f => f.Fee!).ToList();
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
            "deliverable" when deliverables.TryGetValue(key, out var d) =>
                $"{creatorNames.GetValueOrDefault(d.CreatorId) ?? d.CreatorId}: {d.Platform} {d.Format.Replace('_', ' ')}",
            _ => null,
        };
        var rows = buckets.Select(b => b.Value.ToRow(b.Key) with { Name = NameOf(b.Key) }).ToList();
        return new Report(plan.Id, plan.Name, from, to, groupBy, currency, rows, totalRow, objectives,
            new Definitions(
                "(likes + comments + shares + saves) / reach × 100, from each deliverable's latest snapshot",
                "clicks / impressions × 100",
                "distinct visitors per link and day (salted IP hash, bots excluded), summed over days",
                "Σ impressions / 1000 × CPM of the platform + Σ engagements × value per engagement (minor units; configurable: " +
                    "Performance:Emv:CpmMinor:<platform>, Performance:Emv:EngagementValueMinor)",
                cpm, engagementValue),
            new Unconverted(unconvertedConversions, unconvertedCosts));
    }

    private static string DayText(object key) => key switch
    {
        DateTime dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(key, CultureInfo.InvariantCulture)!,
    };

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

        public void AddSite(ReportQuery.SiteRow site, bool sameCurrency)
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
                HasEngagement ? Engagements : null, Ratio(Engagements, Reach, 100), Ratio(Clicks, impressions, 100), Conversions, Revenue, HasCost
                    ? Cost : null,
                Ratio(HasCost ? Cost : null, Clicks), Ratio(HasCost ? Cost : null, Conversions), Ratio(Revenue, HasCost ? Cost : null),
                Ratio(HasCost ? Cost : null, impressions, 1000), HasEngagement ? Emv : null)
            {
                Ga4Sessions = Ga4Sessions,
                Ga4KeyEvents = Ga4KeyEvents,
                Ga4Revenue = Ga4Revenue,
            };
        }
    }
}
