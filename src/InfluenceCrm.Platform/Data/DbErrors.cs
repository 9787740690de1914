using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace InfluenceCrm.Platform.Data;

public static class DbErrors
{
    /// <summary>A UNIQUE or PRIMARY KEY constraint refused the write (SQLite 2067/1555, SQL Server 2627/2601).</summary>
    public static bool IsUniqueViolation(Exception exception) => exception switch
    {
        SqliteException e => e.SqliteExtendedErrorCode is 2067 or 1555,
        SqlException e => e.Number is 2627 or 2601,
        _ => false,
    };

    /// <summary>
    /// The database cannot serve the request for now, through no fault of the request: busy or locked, read-only, disk
    /// full, I/O error, file missing or unreadable (SQLite); deadlock victim, timeouts, failover, log or filegroup full,
    /// read-only database (SQL Server); the connection pool exhausted. Answered 503 with Retry-After, never 500.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        SqliteException e => e.SqliteErrorCode is 5 or 6 or 8 or 10 or 11 or 13 or 14 or 26,
        SqlException e => e.Number is 1205 or -2 or 2 or 53 or 64 or 121 or 233 or 1222 or 1105 or 3906 or 4060 or 9002 or 10053 or 10054 or 10060
            or 10928 or 10929 or 40143 or 40197 or 40501 or 40613 or 49918 or 49919 or 49920,
        InvalidOperationException e => e.Source == "Microsoft.Data.SqlClient" && e.Message.Contains("pool", StringComparison.OrdinalIgnoreCase),
        _ => exception.InnerException is { } inner && IsUnavailable(inner),
    };

    /// <summary>
    /// Worth running the transaction again: it was rolled back through no fault of its own (SQL Server: deadlock victim,
    /// lock or command timeout, failover, throttling; SQLite: the file was busy past busy_timeout).
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        SqliteException e => e.SqliteErrorCode is 5 or 6,
        SqlException e => e.Number is 1205 or -2 or 1222 or 4060 or 10928 or 10929 or 40143 or 40197 or 40501 or 40613 or 49918 or 49919 or 49920,
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };

    /// <summary>
    /// Ordinary lock contention (deadlock victim, lock timeout, a busy SQLite file): the request answers 503, but the
    /// database is fine — no reason to drop connection pools or take the instance out of the load balancer.
    /// </summary>
    public static bool IsContention(Exception exception) => exception switch
    {
        SqliteException e => e.SqliteErrorCode is 5 or 6,
        SqlException e => e.Number is 1205 or 1222,
        _ => exception.InnerException is { } inner && IsContention(inner),
    };

    /// <summary>A short reason for logs, health and problem details (no SQL, no data).</summary>
    public static string Describe(Exception exception) => exception switch
    {
        SqliteException { SqliteErrorCode: 13 } => "the disk is full",
        SqliteException { SqliteErrorCode: 8 } => "the database is read-only",
        SqliteException { SqliteErrorCode: 5 or 6 } => "the database is busy",
        SqliteException { SqliteErrorCode: 14 } => "the database file cannot be opened",
        SqliteException { SqliteErrorCode: 10 } => "an I/O error occurred",
        SqliteException { SqliteErrorCode: 11 or 26 } => "the database file is damaged",
        SqlException e => $"SQL Server error {e.Number}",
        _ when exception.InnerException is { } inner => Describe(inner),
        _ => "the database does not answer",
    };
}
