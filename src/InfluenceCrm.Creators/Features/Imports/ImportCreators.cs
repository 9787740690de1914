using InfluenceCrm.Creators.PublicQueries;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Webhooks;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using FluentValidation;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Creators.Features;

/// <summary>
/// CSV import of creators and their accounts, one account per row, keyed on platform + handle: an unknown handle
/// creates a creator, a known one updates its creator with the non-empty cells. Each row is its own transaction, so
/// a bad row is reported and skipped, never half-written, and re-sending the file changes nothing ("unchanged").
/// </summary>
public static class ImportCreators
{
    public const int MaxRows = 5000;
    public const long MaxBytes = 5 * 1024 * 1024;

    public static readonly string[] Columns =
    [
        "displayName", "email", "country", "languages", "tags", "stage", "doNotContact", "isMinor", "birthDate",
        "lawfulBasis", "notes", "platform", "handle", "url", "followers", "engagementRate", "metricsAsOf",
    ];

    public sealed record Request(string Csv) : IRequest<Response>;

    public sealed record Response(int Created, int Updated, int Unchanged, int Rejected, IReadOnlyList<RowResult> Rows);

    /// <param name="Line">The line of the file (the header is line 1).</param>
    public sealed record RowResult(long Line, string Status, string? CreatorId, IReadOnlyList<string> Errors);

    internal sealed class Handler(
        Db db, Caller caller, CreatorStore store, AuditLog audit, WebhookOutbox webhooks, ImportMetrics metrics,
        IValidator<RegisterCreator.Request> createValidator,
        IValidator<CreatorFields> fieldsValidator,
        IValidator<SocialAccountInput> accountValidator) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            using var csv = CsvReader.FromText(request.Csv, Options());

            var results = new List<RowResult>();
            try
            {
                var unknown = csv.Headers.Where(h => !Columns.Any(c => c.Equals(h.Trim(), StringComparison.OrdinalIgnoreCase))).ToList();
                if (unknown.Count > 0 || !csv.TryGetFieldIndex("platform", out _) || !csv.TryGetFieldIndex("handle", out _))
                {
                    throw new BadRequestException(
                        $"The header must name columns among: {string.Join(", ", Columns)}; platform and handle are required."
                        + (unknown.Count > 0 ? $" Unknown: {string.Join(", ", unknown)}." : ""));
                }

                RefuseOverLimit(request.Csv);
                while (csv.Read())
                {
                    results.Add(await ImportRowAsync(csv, cancellationToken));
                }
            }
            catch (CsvFormatException e)
            {
                throw new BadRequestException($"The CSV is malformed near line {csv.LineNumber}: {e.Message} Rows before it were imported: {results.Count}.");
            }

            foreach (var outcome in results.GroupBy(r => r.Status))
            {
                metrics.Rows("creators", outcome.Key, outcome.Count());
            }

            return new Response(
                results.Count(r => r.Status == "created"), results.Count(r => r.Status == "updated"),
                results.Count(r => r.Status == "unchanged"), results.Count(r => r.Status == "rejected"), results);
        }

        private static CsvReaderOptions Options() => new()
        {
            HasHeader = true,
            TrimWhitespace = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            NormalizeHeaderName = h => h.Trim().ToLowerInvariant(),
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MalformedData = CsvMalformedDataHandling.Throw,
        };

        /// <summary>The rows are counted (and the file read through) before any is written: a file over the limit, or malformed, is refused whole.</summary>
        private static void RefuseOverLimit(string text)
        {
            using var counting = CsvReader.FromText(text, Options());
            var rows = 0;
            try
            {
                while (counting.Read())
                {
                    if (++rows > MaxRows)
                    {
                        throw new BadRequestException($"An import holds at most {MaxRows} rows; split the file. Nothing was imported.");
                    }
                }
            }
            catch (CsvFormatException e)
            {
                throw new BadRequestException($"The CSV is malformed near line {counting.LineNumber}: {e.Message} Nothing was imported.");
            }
        }

        private async Task<RowResult> ImportRowAsync(CsvReader csv, CancellationToken ct)
        {
            var line = csv.LineNumber;
            var errors = new List<string>();
            string? Cell(string name) =>
                csv.TryGetFieldIndex(name, out var i) && i < csv.FieldCount && csv.GetString(i) is { Length: > 0 } v ? v : null;
            T? Parse<T>(string name, Func<string, T?> parse) where T : struct
            {
                var text = Cell(name);
                if (text is null)
                {
                    return null;
                }

                var value = parse(text);
                if (value is null)
                {
                    errors.Add($"{name}: '{text}' is not a valid value.");
                }

                return value;
            }

            static List<string>? List(string? text) =>
                text?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

            var row = new RegisterCreator.Request
            {
                DisplayName = Cell("displayName"),
                Email = Cell("email"),
                Country = Cell("country"),
                Languages = List(Cell("languages")),
                Tags = List(Cell("tags")),
                Stage = Cell("stage"),
                DoNotContact = Parse("doNotContact", t => bool.TryParse(t, out var b) ? b : (bool?)null),
                IsMinor = Parse("isMinor", t => bool.TryParse(t, out var b) ? b : (bool?)null),
                BirthDate = Parse("birthDate", t => DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null),
                LawfulBasis = Cell("lawfulBasis"),
                Notes = Cell("notes"),
            };
            var account = new SocialAccountInput(
                Cell("platform"), Cell("handle"), Cell("url"),
                Parse("followers", t => long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : (long?)null),
                Parse("engagementRate", t => decimal.TryParse(t, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : (decimal?)null),
                Parse("metricsAsOf", t => DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : (DateTimeOffset?)null));
            if (errors.Count > 0)
            {
                return new RowResult(line, "rejected", null, errors);
            }

            try
            {
                return await db.InTransactionAsync(async (c, tx) =>
                {
                    var owner = account.Platform is null || account.Handle is null
                        ? null
                        : await store.FindHandleOwnerAsync(c, tx, caller.WorkspaceId, account.Platform, account.Handle, ct);
                    if (owner is null)
                    {
                        var create = row with { SocialAccounts = [account] };
                        await createValidator.ValidateAndThrowAsync(create, ct);
                        var id = await store.InsertAsync(c, tx, caller.WorkspaceId, create, create.Stage ?? "prospect", [account], ct);
                        await audit.RecordAsync(c, tx, "creator.imported", "creator", id, null, ct);
                        await webhooks.PublishAsync(c, tx, CreatorEvents.Created, await store.LoadRequiredAsync(c, caller.WorkspaceId, id, tx, ct), ct);
                        return new RowResult(line, "created", id, []);
                    }

                    var current = await store.LoadRequiredAsync(c, caller.WorkspaceId, owner.CreatorId, tx, ct);
                    return await UpdateAsync(c, tx, line, current, owner.AccountId, row, account, ct);
                }, ct);
            }
            catch (ValidationException e)
            {
                return new RowResult(line, "rejected", null, e.Errors.Select(x => $"{ProblemDetailsExceptionHandler.ToCamelPath(x.PropertyName)}: {x.ErrorMessage}").ToList());
            }
            catch (ApiException e)
            {
                return new RowResult(line, "rejected", null, [e.Message]);
            }
        }

        private async Task<RowResult> UpdateAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, long line,
            CreatorView current, string accountId, RegisterCreator.Request row, SocialAccountInput cells, CancellationToken ct)
        {
            if (current.ErasedAt is not null)
            {
                throw new ConflictException("This handle belongs to an erased creator; it cannot be re-imported.");
            }

            if (row.Stage is not null && row.Stage != current.Stage)
            {
                throw new ConflictException($"stage: the creator is {current.Stage}; change stages with POST /api/v1/creators/{{id}}/stage.");
            }

            var before = current.ToFields();
            var fields = before with
            {
                DisplayName = row.DisplayName ?? before.DisplayName,
                Email = row.Email ?? before.Email,
                Country = row.Country ?? before.Country,
                Languages = row.Languages ?? before.Languages,
                Tags = row.Tags ?? before.Tags,
                DoNotContact = row.DoNotContact ?? before.DoNotContact,
                IsMinor = row.IsMinor ?? before.IsMinor,
                BirthDate = row.BirthDate ?? before.BirthDate,
                LawfulBasis = row.LawfulBasis ?? before.LawfulBasis,
                Notes = row.Notes ?? before.Notes,
            };
            var stored = current.SocialAccounts.Single(a => a.Id == accountId);
            var account = new SocialAccountInput(stored.Platform, stored.Handle, cells.Url ?? stored.Url, cells.Followers ?? stored.Followers,
                cells.EngagementRate ?? stored.EngagementRate, cells.MetricsAsOf ?? stored.MetricsAsOf);
            await fieldsValidator.ValidateAndThrowAsync(fields, ct);
            await accountValidator.ValidateAndThrowAsync(account, ct);

            var fieldsChanged = Json(fields) != Json(before);
            var accountChanged = account != new SocialAccountInput(stored.Platform, stored.Handle, stored.Url, stored.Followers, stored.EngagementRate, stored.MetricsAsOf);
            if (!fieldsChanged && !accountChanged)
            {
                return new RowResult(line, "unchanged", current.Id, []);
            }

            if (accountChanged)
            {
                await store.UpdateAccountAsync(c, tx, caller.WorkspaceId, current.Id, accountId, account, ct);
            }

            if (fieldsChanged)
            {
                await store.UpdateFieldsAsync(c, tx, caller.WorkspaceId, current, fields, ct);
            }
            else
            {
                await store.BumpVersionAsync(c, tx, caller.WorkspaceId, current, ct);
            }

            await audit.RecordAsync(c, tx, "creator.updated_by_import", "creator", current.Id, null, ct);
            await webhooks.PublishAsync(c, tx, CreatorEvents.Updated, await store.LoadRequiredAsync(c, caller.WorkspaceId, current.Id, tx, ct), ct);
            return new RowResult(line, "updated", current.Id, []);
        }

        private static string Json(CreatorFields fields) => JsonSerializer.Serialize(fields);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/import", async (HttpRequest http, IMediator mediator, CancellationToken ct) =>
            {
                if (!(http.ContentType ?? "").StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
                {
                    return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                        detail: "Send the file as the body with Content-Type: text/csv (UTF-8).");
                }

                using var reader = new StreamReader(http.Body, Encoding.UTF8);
                var text = await reader.ReadToEndAsync(ct);
                return Results.Ok(await mediator.Send(new Request(text), ct));
            })
            .Accepts<string>("text/csv")
            .RequireAuthorization(Policies.Write)
            .Idempotent()
            .WithBodySizeLimit(MaxBytes)
            .WithName(nameof(ImportCreators))
            .WithSummary("Import creators and accounts from CSV (per-row results; idempotent on platform + handle)")
            .Produces<Response>();
}
