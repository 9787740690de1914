using System.Data.Common;
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

namespace InfluenceCrm.Performance.Features.Imports;

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

    /// <summary>The exports it reads, as the request's format names them (the console's choice; leaving it out lets the columns tell).</summary>
    public static IReadOnlyList<string> Formats => ExportFormats.All;

    public sealed record Request(string CampaignId, Stream Content, string? Format) : IRequest<Response>;

    /// <param name="Status">created, updated, unchanged or skipped.</param>
    public sealed record RowResult(int Row, string Status, string? DeliverableId, string? MatchedBy, string? Reason);

    public sealed record Totals(int Rows, int Created, int Updated, int Unchanged, int Skipped);

    public sealed record Response(string Format, string Encoding, string Separator, DateOnly? PeriodStart, DateOnly? PeriodEnd, Totals Totals,
        IReadOnlyList<RowResult> Rows);

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
        INSERT INTO perf_engagement_snapshots (id, workspace_id, campaign_id, deliverable_id, captured_at, views, reach, impressions, likes, comments, shares,
          saves, source, created_at)
        VALUES (@Id, @WorkspaceId, @CampaignId, @DeliverableId, @Now, @Views, @Reach, @Impressions, @Likes, @Comments, @Shares, @Saves, @Source, @Now)
        """);

    /// <summary>Read under the write lock: on SQL Server the key range stays locked until the insert or update.</summary>
    public static readonly Sql FindSiteMetrics = Sql.Per(
        sqlite: """
            SELECT id AS Id, sessions AS Sessions, engaged_sessions AS EngagedSessions, key_events AS KeyEvents, revenue AS Revenue FROM perf_site_metrics
            WHERE workspace_id = @WorkspaceId AND deliverable_id = @DeliverableId AND period_start = @Start AND period_end = @End AND source_medium =
              @SourceMedium
            """,
        sqlServer: """
            SELECT id AS Id, sessions AS Sessions, engaged_sessions AS EngagedSessions, key_events AS KeyEvents, revenue AS Revenue FROM perf_site_metrics WITH
              (UPDLOCK, HOLDLOCK)
            WHERE workspace_id = @WorkspaceId AND deliverable_id = @DeliverableId AND period_start = @Start AND period_end = @End AND source_medium =
              @SourceMedium
            """);

    public static readonly Sql InsertSiteMetrics = Sql.Both("""
        INSERT INTO perf_site_metrics (id, workspace_id, campaign_id, deliverable_id, period_start, period_end, source_medium, sessions, engaged_sessions,
          key_events,
            revenue, currency, source, imported_at)
        VALUES (@Id, @WorkspaceId, @CampaignId, @DeliverableId, @Start, @End, @SourceMedium, @Sessions, @EngagedSessions, @KeyEvents, @Revenue, @Currency,
          'ga4', @Now)
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

    private sealed class StoredSite
    {
        public string Id { get; init; } = "";
        public long Sessions { get; init; }
        public long? EngagedSessions { get; init; }
        public long? KeyEvents { get; init; }
        public long? Revenue { get; init; }
    }

    internal sealed class Handler(Db db, Caller caller, IMediator mediator, TimeProvider clock, ImportMetrics metrics) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            var plan = await mediator.Send(new GetCampaignPlan.Request(request.CampaignId), cancellationToken);
            using var file = await ExportFile.OpenAsync(request.Content, cancellationToken);
            var export = await ExportReading.ReadAsync(file, request.Format, plan, cancellationToken);
            var outcome = await db.InTransactionAsync(async (c, tx) =>
            {
                var status = new Dictionary<string, string>(StringComparer.Ordinal);
                var now = clock.GetUtcNow();
                await StoreExportSnapshotsAsync(c, tx, plan, export, status, now, cancellationToken);
                await ReplaceExportSiteMetricsAsync(c, tx, file, export, status, cancellationToken);
                await StoreExportSiteMetricsAsync(c, tx, plan, file, export, status, now, cancellationToken);
                return status;
            }, cancellationToken);
            return Answer(file, export, outcome);
        }

        /// <summary>A snapshot per post whose figures differ from its latest one of the same source (created or updated), else unchanged.</summary>
        private async Task StoreExportSnapshotsAsync(DbConnection c, DbTransaction tx, CampaignPlan plan, ExportReading export,
            Dictionary<string, string> status, DateTimeOffset now, CancellationToken cancellationToken)
        {
            if (export.Snapshots.Count > 0)
            {
                var source = new { caller.WorkspaceId, CampaignId = plan.Id, Source = export.Format };
                var latest = (await c.QueryAsync<PerfStore.SnapshotRow>(LatestSnapshots, source, tx, cancellationToken))
                    .ToDictionary(s => s.DeliverableId);
                foreach (var (deliverable, f) in export.Snapshots)
                {
                    var known = latest.GetValueOrDefault(deliverable);
                    if (known is not null
                        && new PostFigures(known.Views, known.Reach, known.Impressions, known.Likes, known.Comments, known.Shares, known.Saves) == f)
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
                        Source = export.Format,
                    }, tx, cancellationToken);
                    status[deliverable] = known is null ? "created" : "updated";
                }
            }
        }

        /// <summary>GA4: the deliverables' rows of overlapping periods, or of the same period under a source / medium the file lacks, are deleted.</summary>
        private async Task ReplaceExportSiteMetricsAsync(DbConnection c, DbTransaction tx, ExportFile file, ExportReading export,
            Dictionary<string, string> status, CancellationToken cancellationToken)
        {
            foreach (var group in export.Site.Keys.GroupBy(k => k.Deliverable))
            {
                var period = new { caller.WorkspaceId, DeliverableId = group.Key, Start = file.StartDate, End = file.EndDate };
                var replaced = await c.ExecuteAsync(ReplaceOverlappingSiteMetrics, period, tx, cancellationToken);
                var mediums = group.Select(k => k.SourceMedium).ToHashSet(StringComparer.Ordinal);
                var samePeriod = await c.QueryAsync<(string Id, string SourceMedium)>(SamePeriodSiteMetrics, period, tx, cancellationToken);
                foreach (var stale in samePeriod.Where(r => !mediums.Contains(r.SourceMedium)))
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
        }

        /// <summary>GA4: a row per deliverable, period and source / medium, inserted or updated when its figures differ.</summary>
        private async Task StoreExportSiteMetricsAsync(DbConnection c, DbTransaction tx, CampaignPlan plan, ExportFile file, ExportReading export,
            Dictionary<string, string> status, DateTimeOffset now, CancellationToken cancellationToken)
        {
            foreach (var ((deliverable, sourceMedium), f) in export.Site)
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
                    var figures = new { known.Id, caller.WorkspaceId, f.Sessions, f.EngagedSessions, f.KeyEvents, f.Revenue, Now = now };
                    await c.ExecuteAsync(UpdateSiteMetrics, figures, tx, cancellationToken);
                }

                status[id] = known is null && !status.ContainsKey(id) ? "created" : "updated";
            }
        }

        /// <summary>Each row's outcome (its post's, or skipped with the reason), the totals, and the import metrics.</summary>
        private Response Answer(ExportFile file, ExportReading export, Dictionary<string, string> outcome)
        {
            var answers = export.Rows.Select(r => r.Skip is not null
                ? new RowResult(r.Row, "skipped", r.Deliverable, r.MatchedBy, r.Skip)
                : new RowResult(r.Row, outcome[r.SourceMedium is null ? r.Deliverable! : $"{r.Deliverable}\n{r.SourceMedium}"], r.Deliverable, r.MatchedBy,
                null)).ToList();
            var totals = new Totals(answers.Count, answers.Count(a => a.Status == "created"), answers.Count(a => a.Status == "updated"),
                answers.Count(a => a.Status == "unchanged"),
                answers.Count(a => a.Status == "skipped"));
            metrics.Rows("platform_export", "stored", totals.Created + totals.Updated);
            metrics.Rows("platform_export", "already_known", totals.Unchanged);
            metrics.Rows("platform_export", "rejected", totals.Skipped);
            return new Response(export.Format, file.Encoding, file.Separator == '\t' ? "tab" : file.Separator.ToString(), file.StartDate, file.EndDate, totals,
                answers);
        }
    }

    internal static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/campaigns/{id}/imports", UploadAsync)
            .RequireAuthorization(Policies.Write)
            .WithBodySizeLimit(64 * 1024 * 1024)
            .Accepts<string>("text/csv", "text/plain")
            .WithName(nameof(ImportPlatformExport))
            .WithSummary("Import a platform's export (Meta Business Suite, YouTube Studio, TikTok, Sprout Social, GA4): the format from its columns or " +
            "?format=; an answer per row")
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
        await using var spool = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var type = http.ContentType ?? "";
        if (!http.HasFormContentType && !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase)
            && !type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
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
