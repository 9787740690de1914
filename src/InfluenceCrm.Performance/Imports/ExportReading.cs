using System.Globalization;
using InfluenceCrm.Campaigns.PublicQueries;
using InfluenceCrm.Performance.Features.Imports;
using InfluenceCrm.Platform.Http;

namespace InfluenceCrm.Performance.Imports;

/// <summary>A row of an export as read: the deliverable it matched (and by what), or why it was skipped; GA4 rows carry their source / medium.</summary>
internal sealed record ExportRow(int Row, string? Deliverable, string? MatchedBy, string? Skip, string? SourceMedium);

/// <summary>
/// An export read whole before anything is written: its format (told by its columns, or named and then checked), each
/// row matched to a deliverable of the campaign, and the figures summed per post (GA4: per deliverable and source / medium).
/// A file we cannot read is a <see cref="BadRequestException"/> naming the first problem.
/// </summary>
internal sealed class ExportReading
{
    private static readonly string[] TotalsLabels = ["total", "totals", "grand total", "total general", "totales", "totaux", "total general de"];

    public required string Format { get; init; }
    public required IReadOnlyList<ExportRow> Rows { get; init; }
    public required IReadOnlyDictionary<string, PostFigures> Snapshots { get; init; }
    public required IReadOnlyDictionary<(string Deliverable, string SourceMedium), SiteFigures> Site { get; init; }

    public static async Task<ExportReading> ReadAsync(ExportFile file, string? askedFormat, CampaignPlan plan, CancellationToken cancellationToken)
    {
        var fields = ExportFormats.FieldsOf(file.Headers);
        var format = FormatOf(file, fields, askedFormat);
        var byKey = PostsByKey(plan);

        string? Cell(string[] cells, string field)
        {
            for (var i = 0; i < fields.Length && i < cells.Length; i++)
            {
                if (fields[i] == field && cells[i].Length > 0)
                {
                    return cells[i];
                }
            }

            return null;
        }

        var results = new List<ExportRow>();
        var snapshots = new Dictionary<string, PostFigures>(StringComparer.Ordinal);
        var site = new Dictionary<(string Deliverable, string SourceMedium), SiteFigures>();
        var rows = 0;
        while (await file.ReadAsync(cancellationToken) is { } next)
        {
            var (line, cells) = next;
            if (++rows > ImportPlatformExport.MaxRows)
            {
                throw new BadRequestException($"The file has more than {ImportPlatformExport.MaxRows:N0} rows: export a shorter period, or split it.");
            }

            var row = file.HeaderLine + line;
            if (cells.All(c => c.Length == 0))
            {
                rows--;
                continue;
            }

            if (cells.Length > 0 && TotalsLabels.Contains(ExportFormats.Normalise(cells[0])))
            {
                results.Add(new ExportRow(row, null, null, "a totals row", null));
                continue;
            }

            var (deliverable, matchedBy) = Match(format, cells, Cell, byKey);
            if (deliverable is null)
            {
                results.Add(new ExportRow(row, null, null, Unmatched(format, cells, Cell, plan), null));
                continue;
            }

            string? bad = null;
            long? Count(string field)
            {
                var text = Cell(cells, field);
                if (!ExportNumbers.TryCount(text, file.DecimalComma, out var n))
                {
                    bad ??= $"{field.Replace('_', ' ')} \"{text}\" is not a number";
                }

                return n;
            }

            if (format == ExportFormats.Ga4)
            {
                var sessions = Count("sessions");
                var engaged = Count("engaged_sessions");
                var keyEvents = Count("key_events");
                decimal? revenue = null;
                if (!ExportNumbers.TryDecimal(Cell(cells, "revenue"), file.DecimalComma, out revenue) || revenue is < 0 or > ExportNumbers.MaxCount)
                {
                    bad ??= $"total revenue \"{Cell(cells, "revenue")}\" is not an amount";
                }

                if (bad is not null || sessions is null)
                {
                    results.Add(new ExportRow(row, deliverable, matchedBy, bad ?? "no sessions on this row", null));
                    continue;
                }

                var sourceMedium = Cell(cells, "source_medium") is { } sm ? sm[..Math.Min(sm.Length, 200)] : "(all)";
                var figures = new SiteFigures(sessions.Value, engaged, keyEvents,
                    revenue is { } r ? (long)Math.Round(r * 100, MidpointRounding.AwayFromZero) : null);
                site[(deliverable, sourceMedium)] = site.TryGetValue((deliverable, sourceMedium), out var before) ? before.Plus(figures) : figures;
                results.Add(new ExportRow(row, deliverable, matchedBy, null, sourceMedium));
                continue;
            }

            // Facebook counts reactions where Instagram counts likes; Sprout Social has both (its likes are the likes).
            var post = new PostFigures(Count("views"), Count("reach"), Count("impressions"), Count("likes") ?? Count("reactions"), Count("comments"),
                Count("shares"), Count("saves"));
            if (bad is not null)
            {
                results.Add(new ExportRow(row, deliverable, matchedBy, bad, null));
                continue;
            }

            snapshots[deliverable] = snapshots.TryGetValue(deliverable, out var earlier) ? earlier.Plus(post) : post;
            results.Add(new ExportRow(row, deliverable, matchedBy, null, null));
        }

        if (rows == 0)
        {
            throw new BadRequestException("The file has a header but no rows.");
        }

        return new ExportReading { Format = format, Rows = results, Snapshots = snapshots, Site = site };
    }

    /// <summary>The format named, or told by the columns; a named format the columns contradict is refused.</summary>
    private static string FormatOf(ExportFile file, string?[] fields, string? askedFormat)
    {
        var present = fields.Where(f => f is not null).Select(f => f!).ToHashSet();
        var format = askedFormat ?? ExportFormats.Detect(present)
            ?? throw new BadRequestException($"The columns ({string.Join(", ",
            file.Headers.Take(12))}) are not an export we know: {ExportFormats.Describe()}.");
        if (askedFormat is not null && ExportFormats.Detect(present) is { } detected && detected != format)
        {
            throw new BadRequestException($"The file was named {format}, but its columns are a {detected} export.");
        }

        file.CommentsEndTheTable = format == ExportFormats.Ga4;
        if (format == ExportFormats.Ga4 && (file.StartDate is null || file.EndDate is null))
        {
            throw new BadRequestException("A Google Analytics 4 export starts with its \"# Start date:\" and \"# End date:\" lines; they are missing, so its " +
                "period is unknown.");
        }

        return format;
    }

    /// <summary>The campaign's posts by every key they can be known by.</summary>
    private static Dictionary<string, string> PostsByKey(CampaignPlan plan)
    {
        var byKey = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var d in plan.Deliverables)
        {
            byKey.TryAdd("id:" + d.Id, d.Id);
            foreach (var key in PostKeys.OfUrl(d.PostUrl))
            {
                byKey.TryAdd(key, d.Id);
            }
        }

        return byKey;
    }

    /// <summary>The deliverable a row is about, and by what: a permalink, a post link, a video id, or (GA4) our utm_content.</summary>
    private static (string? Deliverable, string? MatchedBy) Match(string format, string[] cells, Func<string[], string, string?> cell,
        Dictionary<string, string> byKey)
    {
        if (format == ExportFormats.Ga4)
        {
            var content = cell(cells, "ad_content") ?? Query(cell(cells, "landing_page"), "utm_content");
            return content is not null && byKey.TryGetValue("id:" + content.Trim(), out var d) ? (d, "utm_content") : (null, null);
        }

        var candidates = new List<(string Key, string By)>();
        if (format == ExportFormats.YouTube && PostKeys.YouTubeId(cell(cells, "content")) is { } video)
        {
            candidates.Add((video, "video id"));
        }

        foreach (var (field, by) in new[] { ("permalink", "permalink"), ("video_link", "video link"), ("link", "post link") })
        {
            candidates.AddRange(PostKeys.OfUrl(cell(cells, field)).Select(k => (k, by)));
        }

        foreach (var (key, by) in candidates)
        {
            if (byKey.TryGetValue(key, out var deliverable))
            {
                return (deliverable, by);
            }
        }

        return (null, null);
    }

    private static string Unmatched(string format, string[] cells, Func<string[], string, string?> cell, CampaignPlan plan)
    {
        if (format == ExportFormats.Ga4)
        {
            return "its utm_content names no deliverable of this campaign";
        }

        if (PublishTime(cell(cells, "publish_time")) is { } published && (published < plan.StartsOn || published > plan.EndsOn))
        {
            return $"published on {published:yyyy-MM-dd}, outside the campaign ({plan.StartsOn:yyyy-MM-dd} – {plan.EndsOn:yyyy-MM-dd})";
        }

        var link = cell(cells, "permalink") ?? cell(cells, "video_link") ?? cell(cells, "link") ?? cell(cells, "content");
        return link is null ? "the row names no post (no permalink, link or video id)" : $"no deliverable of this campaign was published at {link}";
    }

    private static string? Query(string? url, string name)
    {
        if (url is null)
        {
            return null;
        }

        var question = url.IndexOf('?');
        return question < 0 ? null : System.Web.HttpUtility.ParseQueryString(url[(question + 1)..])[name];
    }

    private static readonly string[] TimeFormats =
    [
        "MM/dd/yyyy HH:mm", "M/d/yyyy H:mm", "MM/dd/yyyy", "M/d/yyyy h:mm tt", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss",
        "MMM d, yyyy", "d MMM yyyy", "dd/MM/yyyy HH:mm", "dd/MM/yyyy",
    ];

    private static DateOnly? PublishTime(string? text) =>
        text is not null && DateTime.TryParseExact(text.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var t)
            ? DateOnly.FromDateTime(t) : null;
}
