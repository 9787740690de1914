using System.Globalization;
using System.Text;
using CsvHelper;
using FluentValidation;
using FluentValidation.Results;
using InfluenceCrm.Campaigns.PublicQueries;
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
/// Engagement snapshots of a campaign's deliverables (views, reach, impressions, likes, comments, shares, saves at a
/// time), by JSON or CSV. A snapshot of a deliverable at a time it already has is the same snapshot (idempotent); the
/// latest one counts in reports, the history stays.
/// </summary>
public static class RecordEngagementSnapshots
{
    public const int MaxRows = 10_000;

    public sealed record Snapshot(string? DeliverableId, DateTimeOffset? CapturedAt, long? Views, long? Reach, long? Impressions, long? Likes, long? Comments,
        long? Shares, long? Saves);

    public sealed record Request(string CampaignId, IReadOnlyList<Snapshot>? Snapshots, string Source) : IRequest<Response>;

    public sealed record Response(int Stored, int AlreadyKnown, IReadOnlyList<RowError> Rejected);

    public sealed record RowError(int Row, IReadOnlyList<string> Errors);

    public static readonly Sql Insert = Sql.Per(
        sqlite: """
            INSERT INTO perf_engagement_snapshots (id, workspace_id, campaign_id, deliverable_id, captured_at, views, reach, impressions, likes, comments,
              shares, saves, source, created_at)
            VALUES (@Id, @WorkspaceId, @CampaignId, @DeliverableId, @CapturedAt, @Views, @Reach, @Impressions, @Likes, @Comments, @Shares, @Saves, @Source,
              @Now)
            ON CONFLICT (deliverable_id, captured_at) DO NOTHING
            """,
        sqlServer: """
            INSERT INTO perf_engagement_snapshots (id, workspace_id, campaign_id, deliverable_id, captured_at, views, reach, impressions, likes, comments,
              shares, saves, source, created_at)
            SELECT @Id, @WorkspaceId, @CampaignId, @DeliverableId, @CapturedAt, @Views, @Reach, @Impressions, @Likes, @Comments, @Shares, @Saves, @Source, @Now
            WHERE NOT EXISTS (SELECT 1 FROM perf_engagement_snapshots s WITH (UPDLOCK, HOLDLOCK) WHERE s.deliverable_id = @DeliverableId AND s.captured_at =
              @CapturedAt)
            """);

    internal sealed class SnapshotValidator : AbstractValidator<Snapshot>
    {
        public SnapshotValidator(TimeProvider clock)
        {
            RuleFor(s => s.DeliverableId).NotEmpty();
            RuleFor(s => s.CapturedAt).NotNull().LessThanOrEqualTo(_ => clock.GetUtcNow().AddMinutes(5))
                .WithMessage("capturedAt is required and not in the future.");
            RuleFor(s => s.Views).GreaterThanOrEqualTo(0);
            RuleFor(s => s.Reach).GreaterThanOrEqualTo(0);
            RuleFor(s => s.Impressions).GreaterThanOrEqualTo(0);
            RuleFor(s => s.Likes).GreaterThanOrEqualTo(0);
            RuleFor(s => s.Comments).GreaterThanOrEqualTo(0);
            RuleFor(s => s.Shares).GreaterThanOrEqualTo(0);
            RuleFor(s => s.Saves).GreaterThanOrEqualTo(0);
        }
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator() => RuleFor(r => r.Snapshots).NotEmpty().Must(s => s is null || s.Count <= MaxRows).WithMessage($"Send 1 to {MaxRows} snapshots.");
    }

    internal sealed class Handler(Db db, Caller caller, IMediator mediator, IValidator<Snapshot> validator, TimeProvider clock, ImportMetrics metrics)
        : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request r, CancellationToken cancellationToken)
        {
            var plan = await mediator.Send(new GetCampaignPlan.Request(r.CampaignId), cancellationToken);
            var deliverables = plan.Deliverables.Select(d => d.Id).ToHashSet();
            var rejected = new List<RowError>();
            var good = new List<Snapshot>();
            for (var i = 0; i < r.Snapshots!.Count; i++)
            {
                var snapshot = r.Snapshots[i];
                var errors = snapshot is null ? ["The snapshot is empty."]
                    : (await validator.ValidateAsync(snapshot, cancellationToken)).Errors.Select(e => e.ErrorMessage).ToList();
                if (snapshot is not null && snapshot.DeliverableId is not null && !deliverables.Contains(snapshot.DeliverableId))
                {
                    errors.Add($"Deliverable {snapshot.DeliverableId} is not in campaign {plan.Id}.");
                }

                if (errors.Count > 0)
                {
                    rejected.Add(new RowError(i + 1, errors));
                }
                else
                {
                    good.Add(snapshot!);
                }
            }

            var stored = await db.InTransactionAsync(async (c, tx) =>
            {
                var count = 0;
                foreach (var s in good)
                {
                    count += await c.ExecuteAsync(Insert, new
                    {
                        Id = Ids.New("snap"),
                        caller.WorkspaceId,
                        CampaignId = plan.Id,
                        s.DeliverableId,
                        s.CapturedAt,
                        s.Views,
                        s.Reach,
                        s.Impressions,
                        s.Likes,
                        s.Comments,
                        s.Shares,
                        s.Saves,
                        r.Source,
                        Now = clock.GetUtcNow(),
                    }, tx, cancellationToken);
                }

                return count;
            }, cancellationToken);
            metrics.Rows("engagement_snapshots", "stored", stored);
            metrics.Rows("engagement_snapshots", "already_known", good.Count - stored);
            metrics.Rows("engagement_snapshots", "rejected", rejected.Count);
            return new Response(stored, good.Count - stored, rejected);
        }
    }

    public static IReadOnlyList<Snapshot> ParseCsv(string csv)
    {
        using var reader = CsvReader.FromText(csv,
            new CsvReaderOptions { HasHeader = true, TrimWhitespace = true, TrackLineNumbers = true, NormalizeHeaderName = h => h.Trim().ToLowerInvariant() });
        var rows = new List<Snapshot>();
        try
        {
            while (reader.Read())
            {
                string? Cell(string name) => reader.TryGetFieldIndex(name, out var i) && i < reader.FieldCount && reader.GetString(i) is { Length: > 0 } v
                    ? v : null;
                long? Number(string name) => Cell(name) is { } v
                    ? long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
                    : throw new BadRequestException($"{name} '{v}' on line {reader.LineNumber} is not a whole number.")
                    : null;
                rows.Add(new Snapshot(Cell("deliverableId"),
                    Cell("capturedAt") is { } t ? DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at
                        : throw new BadRequestException($"capturedAt '{t}' on line {reader.LineNumber} is not a time.") : null,
                    Number("views"), Number("reach"), Number("impressions"), Number("likes"), Number("comments"), Number("shares"), Number("saves")));
            }
        }
        catch (CsvFormatException e)
        {
            throw new BadRequestException($"The CSV is malformed near line {reader.LineNumber}: {e.Message}");
        }

        return rows;
    }

    internal static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/campaigns/{id}/engagement-snapshots", async (string id, IReadOnlyList<Snapshot> snapshots, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new Request(id, snapshots, "api"), ct)))
            .RequireAuthorization(Policies.Write)
            .WithName(nameof(RecordEngagementSnapshots))
            .WithSummary("Record engagement snapshots of a campaign's deliverables (idempotent per deliverable and capture time)")
            .Produces<Response>();
        group.MapPost("/campaigns/{id}/engagement-snapshots/import", async (string id, HttpRequest http, IMediator mediator, CancellationToken ct) =>
            {
                if (!(http.ContentType ?? "").StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
                {
                    return Results.Problem(statusCode: 415, title: "Unsupported media type", detail: "Send the CSV as the body with Content-Type: text/csv.");
                }

                using var reader = new StreamReader(http.Body, Encoding.UTF8);
                return Results.Ok(await mediator.Send(new Request(id, ParseCsv(await reader.ReadToEndAsync(ct)), "csv"), ct));
            })
            .RequireAuthorization(Policies.Write)
            .WithBodySizeLimit(5 * 1024 * 1024)
            .Accepts<string>("text/csv")
            .WithName("ImportEngagementSnapshots")
            .WithSummary("Import engagement snapshots from CSV: deliverableId, capturedAt, views, reach, impressions, likes, comments, shares, saves")
            .Produces<Response>();
    }
}
