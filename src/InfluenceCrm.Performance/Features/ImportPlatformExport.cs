using System.Globalization;
using FluentValidation;
using InfluenceCrm.Campaigns.PublicQueries;
using InfluenceCrm.Performance.Imports;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Performance.Features;

/// <summary>
/// The export file a community manager already has — Meta Business Suite (Instagram or Facebook posts), YouTube Studio,
/// TikTok, Sprout Social, Google Analytics 4 — dropped onto a campaign: its format told by its columns, each row matched
/// to a deliverable (by permalink, post URL, video id, or for GA4 our utm_content), and stored as an engagement snapshot
/// (GA4: site sessions, key events and revenue for the file's period). The file is read as a stream and checked whole
/// before anything is written: a file we cannot read is a 400 naming the first problem, and writes nothing. Importing
/// the same file again changes nothing; a newer export with other figures adds a snapshot (the latest counts, the history
/// stays).
/// </summary>
public static class ImportPlatformExport
{
    public const int MaxRows = 50_000;

    public sealed record Request(string CampaignId, Stream Content, string? Format) : IRequest<Response>;

    /// <param name="Status">created, updated, unchanged or skipped.</param>
    public sealed record RowResult(int Row, string Status, string? DeliverableId, string? MatchedBy, string? Reason);

    public sealed record Totals(int Rows, int Created, int Updated, int Unchanged, int Skipped);

    public sealed record Response(string Format, string Encoding, string Separator, DateOnly? PeriodStart, DateOnly? PeriodEnd, Totals Totals, IReadOnlyList<RowResult> Rows);

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator() =>
            RuleFor(r => r.Format).Must(f => ExportFormats.All.Contains(f!)).When(r => r.Format is not null)
                .WithMessage($"format is one of: {string.Join(", ", ExportFormats.All)} (or leave it out: the columns tell).");
    }

    public static readonly Sql LatestSnapshots = Sql.Both("""
        SELECT s.deliverable_id AS DeliverableId, s.views AS Views, s.reach AS Reach, s.impressions AS Impressions, s.likes AS Likes, s.comments AS Comments,
            s.shares AS Shares, s.saves AS Saves
        FROM perf_engagement_snapshots s
        WHERE s.workspace_id = @WorkspaceId AND s.campaign_id = @CampaignId AND s.source = @Source
          AND s.captured_at = (SELECT MAX(x.captured_at) FROM perf_engagement_snapshots x WHERE x.deliverable_id = s.deliverable_id AND x.source = @Source)
        """);

    public static readonly Sql InsertSnapshot = Sql.Both("""
        INSERT INTO perf_engagement_snapshots (id, workspace_id, campaign_id, deliverable_id, captured_at, views, reach, impressions, likes, comments, shares, saves, source, created_at)
        VALUES (@Id, @WorkspaceId, @CampaignId, @DeliverableId, @Now, @Views, @Reach, @Impressions, @Likes, @Comments, @Shares, @Saves, @Source, @Now)
        """);

    /// <summary>Read under the write lock: on SQL Server the key range stays locked until the insert or update.</summary>
    public static readonly Sql FindSiteMetrics = Sql.Per(
        sqlite: """
            SELECT id AS Id, sessions AS Sessions, engaged_sessions AS EngagedSessions, key_events AS KeyEvents, revenue AS Revenue FROM perf_site_metrics
            WHERE workspace_id = @WorkspaceId AND deliverable_id = @DeliverableId AND period_start = @Start AND period_end = @End AND source_medium = @SourceMedium
            """,
        sqlServer: """
            SELECT id AS Id, sessions AS Sessions, engaged_sessions AS EngagedSessions, key_events AS KeyEvents, revenue AS Revenue FROM perf_site_metrics WITH (UPDLOCK, HOLDLOCK)
            WHERE workspace_id = @WorkspaceId AND deliverable_id = @DeliverableId AND period_start = @Start AND period_end = @End AND source_medium = @SourceMedium
            """);

    public static readonly Sql InsertSiteMetrics = Sql.Both("""
        INSERT INTO perf_site_metrics (id, workspace_id, campaign_id, deliverable_id, period_start, period_end, source_medium, sessions, engaged_sessions, key_events,
            revenue, currency, source, imported_at)
        VALUES (@Id, @WorkspaceId, @CampaignId, @DeliverableId, @Start, @End, @SourceMedium, @Sessions, @EngagedSessions, @KeyEvents, @Revenue, @Currency, 'ga4', @Now)
        """);

    /// <summary>
    /// A deliverable's GA4 rows this import replaces: those of another period overlapping the file's, and (below) those of
    /// the same period under a source / medium the file does not have — so weekly and monthly exports, or a file with and
    /// without the source / medium column, never count twice.
    /// </summary>
    public static readonly Sql ReplaceOverlappingSiteMetrics = Sql.Both("""
        DELETE FROM perf_site_metrics
        WHERE workspace_id = @WorkspaceId AND deliverable_id = @DeliverableId AND period_start <= @End AND period_end >= @Start
          AND NOT (period_start = @Start AND period_end = @End)
        """);

    public static readonly Sql SamePeriodSiteMetrics = Sql.Both("""
        SELECT id AS Id, source_medium AS SourceMedium FROM perf_site_metrics
        WHERE workspace_id = @WorkspaceId AND deliverable_id = @DeliverableId AND period_start = @Start AND period_end = @End
        """);

    public static readonly Sql DeleteSiteMetrics = Sql.Both("DELETE FROM perf_site_metrics WHERE id = @Id AND workspace_id = @WorkspaceId");

    public static readonly Sql UpdateSiteMetrics = Sql.Both("""
        UPDATE perf_site_metrics SET sessions = @Sessions, engaged_sessions = @EngagedSessions, key_events = @KeyEvents, revenue = @Revenue, imported_at = @Now
        WHERE id = @Id AND workspace_id = @WorkspaceId
        """);

    private sealed record Figures(long? Views, long? Reach, long? Impressions, long? Likes, long? Comments, long? Shares, long? Saves)
    {
        /// <summary>Rows of one post (a daily breakdown) add up; reach does not (the same people), so the largest is kept.</summary>
        public Figures Plus(Figures o) => new(Add(Views, o.Views), Max(Reach, o.Reach), Add(Impressions, o.Impressions), Add(Likes, o.Likes), Add(Comments, o.Comments),
            Add(Shares, o.Shares), Add(Saves, o.Saves));

        private static long? Add(long? a, long? b) => a is null && b is null ? null : (a ?? 0) + (b ?? 0);

        private static long? Max(long? a, long? b) => a is null && b is null ? null : Math.Max(a ?? 0, b ?? 0);
    }

    private sealed record SiteFigures(long Sessions, long? EngagedSessions, long? KeyEvents, long? Revenue)
    {
        public SiteFigures Plus(SiteFigures o) => new(Sessions + o.Sessions, Sum(EngagedSessions, o.EngagedSessions), Sum(KeyEvents, o.KeyEvents), Sum(Revenue, o.Revenue));

        private static long? Sum(long? a, long? b) => a is null && b is null ? null : (a ?? 0) + (b ?? 0);
    }

    private sealed class StoredSite
    {
        public string Id { get; init; } = "";
        public long Sessions { get; init; }
        public long? EngagedSessions { get; init; }
        public long? KeyEvents { get; init; }
        public long? Revenue { get; init; }
    }

    private static readonly string[] TotalsLabels = ["total", "totals", "grand total", "total general", "totales", "totaux", "total general de"];

    internal sealed class Handler(Db db, Caller caller, IMediator mediator, TimeProvider clock, ImportMetrics metrics) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            var plan = await mediator.Send(new GetCampaignPlan.Request(request.CampaignId), cancellationToken);
            using var file = await ExportFile.OpenAsync(request.Content, cancellationToken);
            var fields = ExportFormats.FieldsOf(file.Headers);
            var present = fields.Where(f => f is not null).Select(f => f!).ToHashSet();
            var format = request.Format ?? ExportFormats.Detect(present)
                ?? throw new BadRequestException($"The columns ({string.Join(", ", file.Headers.Take(12))}) are not an export we know: {ExportFormats.Describe()}.");
            if (request.Format is not null && ExportFormats.Detect(present) is { } detected && detected != format)
            {
                throw new BadRequestException($"The file was named {format}, but its columns are a {detected} export.");
            }

            file.CommentsEndTheTable = format == ExportFormats.Ga4;
            if (format == ExportFormats.Ga4 && (file.StartDate is null || file.EndDate is null))
            {
                throw new BadRequestException("A Google Analytics 4 export starts with its \"# Start date:\" and \"# End date:\" lines; they are missing, so its period is unknown.");
            }

            // The campaign's posts by every key they can be known by.
            var byKey = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var d in plan.Deliverables)
            {
                byKey.TryAdd("id:" + d.Id, d.Id);
                foreach (var key in PostKeys.OfUrl(d.PostUrl))
                {
                    byKey.TryAdd(key, d.Id);
                }
            }

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

            var results = new List<(int Row, string? Deliverable, string? MatchedBy, string? Skip, string? SourceMedium)>();
            var snapshots = new Dictionary<string, Figures>(StringComparer.Ordinal);
            var site = new Dictionary<(string Deliverable, string SourceMedium), SiteFigures>();
            var rows = 0;
            while (await file.ReadAsync(cancellationToken) is { } next)
            {
                var (line, cells) = next;
                if (++rows > MaxRows)
                {
                    throw new BadRequestException($"The file has more than {MaxRows:N0} rows: export a shorter period, or split it.");
                }

                var row = file.HeaderLine + line;
                if (cells.All(c => c.Length == 0))
                {
                    rows--;
                    continue;
                }

                if (cells.Length > 0 && TotalsLabels.Contains(ExportFormats.Normalise(cells[0])))
                {
                    results.Add((row, null, null, "a totals row", null));
                    continue;
                }

                var (deliverable, matchedBy) = Match(format, cells, Cell, byKey);
                if (deliverable is null)
                {
                    results.Add((row, null, null, Unmatched(format, cells, Cell, plan), null));
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
                        results.Add((row, deliverable, matchedBy, bad ?? "no sessions on this row", null));
                        continue;
                    }

                    var sourceMedium = Cell(cells, "source_medium") is { } sm ? sm[..Math.Min(sm.Length, 200)] : "(all)";
                    var figures = new SiteFigures(sessions.Value, engaged, keyEvents, revenue is { } r ? (long)Math.Round(r * 100, MidpointRounding.AwayFromZero) : null);
                    site[(deliverable, sourceMedium)] = site.TryGetValue((deliverable, sourceMedium), out var before) ? before.Plus(figures) : figures;
                    results.Add((row, deliverable, matchedBy, null, sourceMedium));
                    continue;
                }

                // Facebook counts reactions where Instagram counts likes; Sprout Social has both (its likes are the likes).
                var post = new Figures(Count("views"), Count("reach"), Count("impressions"), Count("likes") ?? Count("reactions"), Count("comments"), Count("shares"), Count("saves"));
                if (bad is not null)
                {
                    results.Add((row, deliverable, matchedBy, bad, null));
                    continue;
                }

                snapshots[deliverable] = snapshots.TryGetValue(deliverable, out var earlier) ? earlier.Plus(post) : post;
                results.Add((row, deliverable, matchedBy, null, null));
            }

            if (rows == 0)
            {
                throw new BadRequestException("The file has a header but no rows.");
            }

            var outcome = await db.InTransactionAsync(async (c, tx) =>
            {
                var status = new Dictionary<string, string>(StringComparer.Ordinal);
                var now = clock.GetUtcNow();
                if (snapshots.Count > 0)
                {
                    var latest = (await c.QueryAsync<PerfStore.SnapshotRow>(LatestSnapshots, new { caller.WorkspaceId, CampaignId = plan.Id, Source = format }, tx, cancellationToken))
                        .ToDictionary(s => s.DeliverableId);
                    foreach (var (deliverable, f) in snapshots)
                    {
                        var known = latest.GetValueOrDefault(deliverable);
                        if (known is not null && new Figures(known.Views, known.Reach, known.Impressions, known.Likes, known.Comments, known.Shares, known.Saves) == f)
                        {
                            status[deliverable] = "unchanged";
                            continue;
                        }

                        await c.ExecuteAsync(InsertSnapshot, new
                        {
                            Id = Ids.New("snap"),
                            caller.WorkspaceId,
                            CampaignId = plan.Id,
                            DeliverableId = deliverable,
                            Now = now,
                            f.Views,
                            f.Reach,
                            f.Impressions,
                            f.Likes,
                            f.Comments,
                            f.Shares,
                            f.Saves,
                            Source = format,
                        }, tx, cancellationToken);
                        status[deliverable] = known is null ? "created" : "updated";
                    }
                }

                foreach (var group in site.Keys.GroupBy(k => k.Deliverable))
                {
                    var period = new { caller.WorkspaceId, DeliverableId = group.Key, Start = file.StartDate, End = file.EndDate };
                    var replaced = await c.ExecuteAsync(ReplaceOverlappingSiteMetrics, period, tx, cancellationToken);
                    var mediums = group.Select(k => k.SourceMedium).ToHashSet(StringComparer.Ordinal);
                    foreach (var stale in (await c.QueryAsync<(string Id, string SourceMedium)>(SamePeriodSiteMetrics, period, tx, cancellationToken)).Where(r => !mediums.Contains(r.SourceMedium)))
                    {
                        replaced += await c.ExecuteAsync(DeleteSiteMetrics, new { stale.Id, caller.WorkspaceId }, tx, cancellationToken);
                    }

                    if (replaced > 0)
                    {
                        foreach (var key in group)
                        {
                            status[$"{key.Deliverable}\n{key.SourceMedium}"] = "updated";
                        }
                    }
                }

                foreach (var ((deliverable, sourceMedium), f) in site)
                {
                    var key = new { caller.WorkspaceId, DeliverableId = deliverable, Start = file.StartDate, End = file.EndDate, SourceMedium = sourceMedium };
                    var known = await c.QuerySingleOrDefaultAsync<StoredSite>(FindSiteMetrics, key, tx, cancellationToken);
                    var id = $"{deliverable}\n{sourceMedium}";
                    if (known is not null && new SiteFigures(known.Sessions, known.EngagedSessions, known.KeyEvents, known.Revenue) == f)
                    {
                        status.TryAdd(id, "unchanged");
                        continue;
                    }

                    if (known is null)
                    {
                        await c.ExecuteAsync(InsertSiteMetrics, new
                        {
                            Id = Ids.New("site"),
                            caller.WorkspaceId,
                            CampaignId = plan.Id,
                            DeliverableId = deliverable,
                            Start = file.StartDate,
                            End = file.EndDate,
                            SourceMedium = sourceMedium,
                            f.Sessions,
                            f.EngagedSessions,
                            f.KeyEvents,
                            f.Revenue,
                            Currency = plan.Budget?.Currency ?? "EUR",
                            Now = now,
                        }, tx, cancellationToken);
                    }
                    else
                    {
                        await c.ExecuteAsync(UpdateSiteMetrics, new { known.Id, caller.WorkspaceId, f.Sessions, f.EngagedSessions, f.KeyEvents, f.Revenue, Now = now }, tx, cancellationToken);
                    }

                    status[id] = known is null && !status.ContainsKey(id) ? "created" : "updated";
                }

                return status;
            }, cancellationToken);

            var answers = results.Select(r => r.Skip is not null
                ? new RowResult(r.Row, "skipped", r.Deliverable, r.MatchedBy, r.Skip)
                : new RowResult(r.Row, outcome[r.SourceMedium is null ? r.Deliverable! : $"{r.Deliverable}\n{r.SourceMedium}"], r.Deliverable, r.MatchedBy, null)).ToList();
            var totals = new Totals(answers.Count, answers.Count(a => a.Status == "created"), answers.Count(a => a.Status == "updated"), answers.Count(a => a.Status == "unchanged"),
                answers.Count(a => a.Status == "skipped"));
            metrics.Rows("platform_export", "stored", totals.Created + totals.Updated);
            metrics.Rows("platform_export", "already_known", totals.Unchanged);
            metrics.Rows("platform_export", "rejected", totals.Skipped);
            return new Response(format, file.Encoding, file.Separator == '\t' ? "tab" : file.Separator.ToString(), file.StartDate, file.EndDate, totals, answers);
        }

        /// <summary>The deliverable a row is about, and by what: a permalink, a post link, a video id, or (GA4) our utm_content.</summary>
        private static (string? Deliverable, string? MatchedBy) Match(string format, string[] cells, Func<string[], string, string?> cell, Dictionary<string, string> byKey)
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
            text is not null && DateTime.TryParseExact(text.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var t) ? DateOnly.FromDateTime(t) : null;
    }

    internal static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/campaigns/{id}/imports", UploadAsync)
            .RequireAuthorization(Policies.Write)
            .WithBodySizeLimit(64 * 1024 * 1024)
            .Accepts<string>("text/csv", "text/plain")
            .WithName(nameof(ImportPlatformExport))
            .WithSummary("Import a platform's export (Meta Business Suite, YouTube Studio, TikTok, Sprout Social, GA4): the format from its columns or ?format=; an answer per row")
            .Produces<Response>();
        // The same file as a multipart/form-data upload (a browser form, curl -F): the same handler, not in the OpenAPI document,
        // whose generated clients send text/csv.
        group.MapPost("/campaigns/{id}/imports", UploadAsync)
            .RequireAuthorization(Policies.Write)
            .WithBodySizeLimit(64 * 1024 * 1024)
            .Accepts<string>("multipart/form-data")
            .DisableAntiforgery()
            .ExcludeFromDescription()
            .Add(endpoint => ((RouteEndpointBuilder)endpoint).Order = 1); // a request without a content type goes to the first (and gets its 415)
    }

    private static async Task<IResult> UploadAsync(string id, string? format, HttpRequest http, IMediator mediator, CancellationToken ct)
    {
        // The upload goes to a temporary file first (read asynchronously), so the parser reads a file, never the request.
        await using var spool = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var type = http.ContentType ?? "";
        if (!http.HasFormContentType && !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) && !type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem(statusCode: 415, title: "Unsupported media type",
                detail: "Send the export as the body (Content-Type: text/csv) or as a multipart/form-data upload.");
        }

        try
        {
            if (http.HasFormContentType)
            {
                var form = await http.ReadFormAsync(ct);
                var upload = form.Files.FirstOrDefault() ?? throw new BadRequestException("The form holds no file: send the export as the form's file field.");
                await using var part = upload.OpenReadStream();
                await part.CopyToAsync(spool, ct);
            }
            else
            {
                await http.Body.CopyToAsync(spool, ct);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Results.Problem(statusCode: 413, title: "Payload too large", detail: "The upload is larger than 64 MB: export a shorter period.");
        }
        catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException)
        {
            throw new BadRequestException($"The upload could not be read ({e.Message}): send the file again.");
        }

        spool.Position = 0;
        return Results.Ok(await mediator.Send(new Request(id, spool, string.IsNullOrWhiteSpace(format) ? null : format.Trim()), ct));
    }
}
