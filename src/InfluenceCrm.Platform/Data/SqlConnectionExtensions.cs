using System.Data.Common;
using Dapper;
using Microsoft.Data.SqlClient;

namespace InfluenceCrm.Platform.Data;

/// <summary>Dapper calls that take a catalogue entry and pick the text for the connection's engine.</summary>
public static class SqlConnectionExtensions
{
    public static DatabaseProvider Provider(this DbConnection connection) =>
        connection is SqlConnection ? DatabaseProvider.SqlServer : DatabaseProvider.Sqlite;

    public static Task<IEnumerable<T>> QueryAsync<T>(this DbConnection c, Sql sql, object? param = null,
        DbTransaction? tx = null, CancellationToken ct = default) =>
        c.QueryAsync<T>(Command(c, sql, param, tx, ct));

    public static Task<T?> QuerySingleOrDefaultAsync<T>(this DbConnection c, Sql sql, object? param = null,
        DbTransaction? tx = null, CancellationToken ct = default) =>
        c.QuerySingleOrDefaultAsync<T>(Command(c, sql, param, tx, ct));

    public static Task<int> ExecuteAsync(this DbConnection c, Sql sql, object? param = null,
        DbTransaction? tx = null, CancellationToken ct = default) =>
        c.ExecuteAsync(Command(c, sql, param, tx, ct));

    public static Task<T?> ExecuteScalarAsync<T>(this DbConnection c, Sql sql, object? param = null,
        DbTransaction? tx = null, CancellationToken ct = default) =>
        c.ExecuteScalarAsync<T>(Command(c, sql, param, tx, ct));

    private static CommandDefinition Command(DbConnection c, Sql sql, object? param, DbTransaction? tx, CancellationToken ct) =>
        new(sql.For(c.Provider()), param, tx, cancellationToken: ct);
}
