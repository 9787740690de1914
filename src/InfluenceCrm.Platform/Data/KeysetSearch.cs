using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using InfluenceCrm.Platform.Http;

namespace InfluenceCrm.Platform.Data;

/// <summary>One allowed sort of a search: its statements (first page, pages after a cursor), and whether its sort column holds times.</summary>
public sealed record KeysetOrder(Sql First, Sql Next, bool ByTime);

/// <summary>
/// Keyset (cursor) paging over a filtered query: one catalogue statement per allowed sort, built once from constant
/// text, answering the page's ids in order. The sort never reaches SQL from input.
/// </summary>
public static class KeysetSearch
{
    /// <param name="fromWhere">"FROM table alias WHERE …" with the search's filters (constant text).</param>
    /// <summary>
    /// Two statements per sort: the first page, and the pages after a cursor, whose condition is a plain range on the sort
    /// column and id (a seek; "@AfterId IS NULL OR …" in one statement cannot seek). On SQL Server both recompile per
    /// call: the filters are optional ("@Platform IS NULL OR …"), and one cached plan for every combination of them would
    /// fit none.
    /// </summary>
    public static KeysetOrder Order(string fromWhere, string alias, string column, bool ascending, bool byTime,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        Order(fromWhere, fromWhere, alias, column, ascending, byTime, file, line);

    /// <summary>The same, with a filter text per engine (e.g. an index only SQLite has).</summary>
    public static KeysetOrder Order(string sqliteFromWhere, string sqlServerFromWhere, string alias, string column, bool ascending, bool byTime,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var compare = ascending ? ">" : "<";
        var direction = ascending ? "ASC" : "DESC";
        var order = $"ORDER BY {alias}.{column} {direction}, {alias}.id {direction}";
        var after = $"AND ({alias}.{column} {compare} @After OR ({alias}.{column} = @After AND {alias}.id {compare} @AfterId))";
        Sql Statement(string condition, int at) => Sql.Per(
            sqlite: $"SELECT {alias}.id AS Id, {alias}.{column} AS SortValue {sqliteFromWhere}\n  {condition}\n{order} LIMIT @Take",
            sqlServer: $"SELECT TOP (@Take) {alias}.id AS Id, {alias}.{column} AS SortValue {sqlServerFromWhere}\n  {condition}\n{order} OPTION (RECOMPILE)",
            file, at);
        return new KeysetOrder(Statement("", line), Statement(after, line), byTime);
    }

    /// <summary>
    /// The statement that reads a page's rows: <paramref name="selectWhere"/> (constant text ending in a WHERE condition)
    /// and the ids of the JSON list <c>@Ids</c> — json_each on SQLite, OPENJSON with a typed column on SQL Server — then
    /// <paramref name="orderBy"/> if given. No IN-list is ever built from input.
    /// </summary>
    public static Sql ByIds(string selectWhere, string idColumn, string orderBy = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        Sql.Per(
            sqlite: $"{selectWhere} AND {idColumn} IN (SELECT value FROM json_each(@Ids)) {orderBy}".TrimEnd(),
            sqlServer: $"{selectWhere} AND {idColumn} IN (SELECT value FROM OPENJSON(@Ids) WITH (value NVARCHAR(40) '$')) {orderBy}".TrimEnd(),
            file, line);

    /// <summary>The page's rows as views, in the page's order (rows read by id come in any order; a row gone since is left out).</summary>
    public static Page<TView> InPageOrder<TRow, TView>(Page<string> page, IEnumerable<TRow> rows, Func<TRow, string> idOf, Func<TRow, TView> view)
    {
        var byId = rows.ToDictionary(idOf, StringComparer.Ordinal);
        return new Page<TView>(page.Items.Where(byId.ContainsKey).Select(id => view(byId[id])).ToList(), page.NextCursor);
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
        parameters.AddDynamicParams(new { AfterId = after?.Id, Take = limit + 1 });
        // A parameter added by value bypasses the type handler: a time is given in the form its engine stores it, and on
        // SQL Server as datetime2 (a DateTime would travel as datetime, rounded to 3 ms, and the cursor row would repeat).
        if (after is null || !order.ByTime)
        {
            parameters.Add("After", after?.Value);
        }
        else if (connection.Provider() == DatabaseProvider.SqlServer)
        {
            parameters.Add("After", Cursor.TimeOf(after).UtcDateTime, System.Data.DbType.DateTime2);
        }
        else
        {
            parameters.Add("After", Db.SqliteTimestamp(Cursor.TimeOf(after)));
        }
        var hits = (await connection.QueryAsync<Hit>(after is null ? order.First : order.Next, parameters, ct: ct)).ToList();
        var page = Cursor.ToPage(hits, limit, sortName, h => (Cursor.ValueText(h.SortValue), h.Id));
        return new Page<string>(page.Items.Select(h => h.Id).ToList(), page.NextCursor);
    }
}
