using FluentValidation;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Creators.Features;

public static class SearchCreators
{
    public sealed record Request : IRequest<Response>
    {
        /// <summary>Part of the name, e-mail or a handle; case and accents ignored.</summary>
        public string? Q { get; init; }
        public string? Platform { get; init; }
        public long? MinFollowers { get; init; }
        public long? MaxFollowers { get; init; }
        public string? Tag { get; init; }
        public string? Stage { get; init; }
        public string? Country { get; init; }
        /// <summary>displayName, -displayName, createdAt, -createdAt (default displayName).</summary>
        public string? Sort { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    private const string Filters = $"""
        FROM creator_creators c
        WHERE c.workspace_id = @WorkspaceId AND c.erased_at IS NULL
          AND (@Q IS NULL OR c.display_name_key LIKE @Q ESCAPE '\' OR c.email_key LIKE @Q ESCAPE '\'
               OR EXISTS (SELECT 1 FROM creator_social_accounts qa WHERE qa.creator_id = c.id AND qa.handle_key LIKE @Q ESCAPE '\'))
        {OtherFilters}
        """;

    /// <summary>
    /// SQLite, text of three characters or more: the creators holding it come from the trigram index (migration 0036), then
    /// only they are sorted — the LIKE above reads every creator in name order until a page is found. The same creators:
    /// the index holds the same keys, and a phrase of trigrams is the text. At most the first <see cref="Searched"/> entries
    /// the index finds (in its order) are sorted: sorting every match cost one row read per match (11,111 for "creator 42"
    /// among 1M creators, 20 ms of CPU for a page of 20); a text found more often than that answers <c>truncated</c>, and
    /// the console asks for a longer text.
    /// </summary>
    private const string IndexedFilters = $"""
        FROM creator_creators c
        WHERE c.workspace_id = @WorkspaceId AND c.erased_at IS NULL
          AND c.rowid IN (SELECT creator_rowid FROM creator_search WHERE creator_search MATCH @Phrase LIMIT @Searched)
        {OtherFilters}
        """;

    /// <summary>How many entries of the trigram index a text search sorts at most (SQLite).</summary>
    public const int Searched = 1000;

    /// <summary>Whether the index holds more entries for the text than a search sorts: one more is read, never all.</summary>
    private static readonly Sql MoreThanSearched = Sql.SqliteOnly(
        "SELECT COUNT(*) FROM (SELECT 1 FROM creator_search WHERE creator_search MATCH @Phrase LIMIT @Over)");

    /// <param name="Truncated">
    /// True when the text is found more than <see cref="Searched"/> times (SQLite): the list holds only the creators among
    /// the first found, sorted; a longer text finds the rest.
    /// </param>
    public sealed record Response(IReadOnlyList<CreatorView> Items, string? NextCursor, bool Truncated);

    private const string OtherFilters = """
          AND ((@Platform IS NULL AND @MinFollowers IS NULL AND @MaxFollowers IS NULL)
               OR EXISTS (SELECT 1 FROM creator_social_accounts a WHERE a.creator_id = c.id
                          AND (@Platform IS NULL OR a.platform = @Platform)
                          AND (@MinFollowers IS NULL OR a.followers >= @MinFollowers)
                          AND (@MaxFollowers IS NULL OR a.followers <= @MaxFollowers)))
          AND (@Tag IS NULL OR EXISTS (SELECT 1 FROM creator_tags t WHERE t.creator_id = c.id AND t.tag = @Tag))
          AND (@Stage IS NULL OR c.stage = @Stage)
          AND (@Country IS NULL OR c.country = @Country)
        """;

    private static readonly IReadOnlyDictionary<string, KeysetOrder> Orders = new Dictionary<string, KeysetOrder>
    {
        ["displayName"] = KeysetSearch.Order(Filters, "c", "display_name_key", ascending: true, byTime: false),
        ["-displayName"] = KeysetSearch.Order(Filters, "c", "display_name_key", ascending: false, byTime: false),
        ["createdAt"] = KeysetSearch.Order(Filters, "c", "created_at", ascending: true, byTime: true),
        ["-createdAt"] = KeysetSearch.Order(Filters, "c", "created_at", ascending: false, byTime: true),
    };

    /// <summary>The same sorts through the trigram index on SQLite; on SQL Server the same statements as <see cref="Orders"/>.</summary>
    private static readonly IReadOnlyDictionary<string, KeysetOrder> IndexedOrders = new Dictionary<string, KeysetOrder>
    {
        ["displayName"] = KeysetSearch.Order(IndexedFilters, Filters, "c", "display_name_key", ascending: true, byTime: false),
        ["-displayName"] = KeysetSearch.Order(IndexedFilters, Filters, "c", "display_name_key", ascending: false, byTime: false),
        ["createdAt"] = KeysetSearch.Order(IndexedFilters, Filters, "c", "created_at", ascending: true, byTime: true),
        ["-createdAt"] = KeysetSearch.Order(IndexedFilters, Filters, "c", "created_at", ascending: false, byTime: true),
    };

    /// <summary>The index's phrase for the text (its trigrams in a row), or null when the index cannot answer: under three characters.</summary>
    private static string? PhraseOf(string key) =>
        key.EnumerateRunes().Count() >= 3 ? "\"" + key.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : null;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Sort).Must(s => Orders.ContainsKey(s!))
                .WithMessage($"sort must be one of: {string.Join(", ", Orders.Keys)}.").When(r => r.Sort is not null);
            RuleFor(r => r.Limit).InclusiveBetween(1, Cursor.MaxLimit);
            RuleFor(r => r.Platform).Must(p => Vocabulary.Platforms.Contains(p!))
                .WithMessage($"platform must be one of: {Vocabulary.ListOf(Vocabulary.Platforms)}.").When(r => r.Platform is not null);
            RuleFor(r => r.Stage).Must(s => CreatorRules.Stages.Contains(s!))
                .WithMessage($"stage must be one of: {Vocabulary.ListOf(CreatorRules.Stages)}.").When(r => r.Stage is not null);
            RuleFor(r => r.MinFollowers).GreaterThanOrEqualTo(0);
            RuleFor(r => r.MaxFollowers).GreaterThanOrEqualTo(r => r.MinFollowers ?? 0).When(r => r.MaxFollowers is not null);
            RuleFor(r => r.Q).MaximumLength(200);
        }
    }

    internal sealed class Handler(Db db, Caller caller, CreatorStore store) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            var sort = request.Sort ?? "displayName";
            var limit = request.Limit ?? Cursor.DefaultLimit;
            var key = string.IsNullOrWhiteSpace(request.Q) ? null : Text.SearchKey(request.Q);
            var phrase = key is null ? null : PhraseOf(key);
            await using var c = await db.OpenAsync(cancellationToken);
            var truncated = phrase is not null && c.Provider() == DatabaseProvider.Sqlite
                && await c.ExecuteScalarAsync<long>(MoreThanSearched, new { Phrase = phrase, Over = Searched + 1 }, ct: cancellationToken) > Searched;
            var page = await KeysetSearch.PageAsync(c, (phrase is null ? Orders : IndexedOrders)[sort], sort, limit, request.Cursor, new
            {
                WorkspaceId = caller.WorkspaceId,
                Q = string.IsNullOrWhiteSpace(request.Q) ? null : Text.ContainsPattern(request.Q),
                Phrase = phrase,
                Searched,
                request.Platform,
                request.MinFollowers,
                request.MaxFollowers,
                Tag = request.Tag?.Trim(),
                request.Stage,
                Country = request.Country?.ToUpperInvariant(),
            }, cancellationToken);
            var creators = await store.LoadManyAsync(c, caller.WorkspaceId, page.Items, ct: cancellationToken);
            return new Response(creators, page.NextCursor, truncated);
        }

    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("", async ([AsParameters] Request request, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(request, ct)))
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(SearchCreators))
            .WithSummary("Search creators (q, platform, followers, tag, stage, country; cursor paging; truncated when q is found over 1,000 times)")
            .Produces<Response>();
}
