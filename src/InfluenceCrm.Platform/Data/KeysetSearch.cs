using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using InfluenceCrm.Platform.Http;

namespace InfluenceCrm.Platform.Data;

/// <summary>One allowed sort of a search: its catalogue statement, and whether its sort column holds times.</summary>
public sealed record KeysetOrder(Sql Statement, bool ByTime);

/// <summary>
/// Keyset (cursor) paging over a filtered query: one catalogue statement per allowed sort, built once from constant
/// text, answering the page's ids in order. The sort never reaches SQL from input.
/// </summary>
public static class KeysetSearch
{
    /// <param name="fromWhere">"FROM table alias WHERE …" with the search's filters (constant text).</param>
    public static KeysetOrder Order(string fromWhere, string alias, string column, bool ascending, bool byTime,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var compare = ascending ? ">" : "<";
        var direction = ascending ? "ASC" : "DESC";
        var body = $"""
            {fromWhere}
              AND (@AfterId IS NULL OR {alias}.{column} {compare} @After OR ({alias}.{column} = @After AND {alias}.id {compare} @AfterId))
            ORDER BY {alias}.{column} {direction}, {alias}.id {direction}
            """;
        return new KeysetOrder(
            Sql.Per(
                sqlite: $"SELECT {alias}.id AS Id, {alias}.{column} AS SortValue {body} LIMIT @Take",
                sqlServer: $"SELECT TOP (@Take) {alias}.id AS Id, {alias}.{column} AS SortValue {body}",
                file, line),
            byTime);
    }

    private sealed class Hit
    {
        public string Id { get; init; } = "";
        public object? SortValue { get; init; }
    }

    /// <summary>The ids of one page, and the cursor to the next.</summary>
    /// <param name="filters">The statement's filter parameters (an anonymous object).</param>
    public static async Task<Page<string>> PageAsync(DbConnection connection, KeysetOrder order, string sortName, int limit, string? cursor,
        object filters, CancellationToken ct)
    {
        var after = Cursor.Decode(cursor, sortName);
        var parameters = new DynamicParameters(filters);
        parameters.AddDynamicParams(new
        {
            // An object-typed parameter bypasses the type handler: a time is given in the form its engine stores it.
            After = after is null ? null
                : order.ByTime ? connection.Provider() == DatabaseProvider.SqlServer ? Cursor.TimeOf(after).UtcDateTime : Db.SqliteTimestamp(Cursor.TimeOf(after))
                : (object?)after.Value,
            AfterId = after?.Id,
            Take = limit + 1,
        });
        var hits = (await connection.QueryAsync<Hit>(order.Statement, parameters, ct: ct)).ToList();
        var page = Cursor.ToPage(hits, limit, sortName, h => (Cursor.ValueText(h.SortValue), h.Id));
        return new Page<string>(page.Items.Select(h => h.Id).ToList(), page.NextCursor);
    }
}
