using System.Data.Common;

namespace InfluenceCrm.Platform.Data;

/// <summary>
/// OPENJSON, which the statements use for lists of ids and click batches, exists only at compatibility level 130 (SQL
/// Server 2016) and later; a database restored from an older server keeps its old level, and every such statement would
/// fail with "Invalid object name 'OPENJSON'". Checked at migrate and in readiness, with the remedy in the message.
/// </summary>
public static class CompatibilityLevel
{
    public const int Required = 130;

    internal static readonly Sql Read = Sql.SqlServerOnly("SELECT compatibility_level FROM sys.databases WHERE database_id = DB_ID()");

    /// <summary>Why the database cannot serve the application, or null when its level is high enough.</summary>
    public static string? Problem(int level) => level >= Required
        ? null
        : $"The database's compatibility level is {level}; InfluenceCrm needs {Required} or later (OPENJSON). "
          + "Raise it with ALTER DATABASE CURRENT SET COMPATIBILITY_LEVEL = 160 (or the highest the server supports).";

    /// <summary>Null on SQLite and on a SQL Server database at level 130 or later; otherwise why not.</summary>
    public static async Task<string?> CheckAsync(DbConnection connection, DbTransaction? tx, CancellationToken ct) =>
        connection.Provider() == DatabaseProvider.Sqlite ? null : Problem(await connection.ExecuteScalarAsync<int>(Read, null, tx, ct));
}
