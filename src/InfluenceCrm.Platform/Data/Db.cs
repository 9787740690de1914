using System.Data.Common;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace InfluenceCrm.Platform.Data;

/// <summary>Opens connections to the configured engine. Registered as a singleton.</summary>
public sealed class Db
{
    private readonly string openConnectionString;

    public Db(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
        openConnectionString = connectionString;
        if (provider == DatabaseProvider.Sqlite)
        {
            // Only the migrator creates the file: a file deleted under the running service must fail loudly (the health
            // check says so), not be silently replaced by an empty one that every request then finds without tables.
            var builder = new SqliteConnectionStringBuilder(connectionString);
            SqliteFile = builder.DataSource is ":memory:" or "" || builder.Mode == SqliteOpenMode.Memory ? null : Path.GetFullPath(builder.DataSource);
            if (builder.Mode == SqliteOpenMode.ReadWriteCreate && SqliteFile is not null)
            {
                builder.Mode = SqliteOpenMode.ReadWrite;
                openConnectionString = builder.ToString();
            }
        }

        DapperTypeHandlers.EnsureRegistered();
    }

    /// <summary>The SQLite database file (full path), or null on SQL Server or in memory.</summary>
    public string? SqliteFile { get; }

    public DatabaseProvider Provider { get; }

    /// <summary>A time as SQLite stores it here (fixed-width UTC text), for code that binds parameters itself.</summary>
    public static string SqliteTimestamp(DateTimeOffset value) => DapperTypeHandlers.ToSqliteText(value);

    public string ConnectionString { get; }

    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) => OpenAsync(openConnectionString, cancellationToken);

    /// <summary>A connection that may create the SQLite file: for the migrator only.</summary>
    internal Task<DbConnection> OpenCreatingAsync(CancellationToken cancellationToken) => OpenAsync(ConnectionString, cancellationToken);

    /// <summary>
    /// Drops idle pooled connections. After a fault (disk full, read-only file, failover) a pooled connection can stay
    /// broken after the cause is gone; new connections see the database as it is now.
    /// </summary>
    public void ClearPools()
    {
        if (Provider == DatabaseProvider.SqlServer)
        {
            SqlConnection.ClearAllPools();
        }
        else
        {
            SqliteConnection.ClearAllPools();
        }
    }

    private async Task<DbConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        DbConnection connection = Provider == DatabaseProvider.SqlServer
            ? new SqlConnection(connectionString)
            : new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (connection is SqliteConnection)
            {
                // Per-connection settings; journal_mode=WAL is persistent and set by the migrator.
                // secure_delete: content that is deleted or overwritten is zeroed in the file, so an erased person cannot be read back from it.
                await connection.ExecuteAsync("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000; PRAGMA secure_delete = ON;");
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// SQLite: copies the write-ahead log into the database file and truncates it, so that earlier versions of pages (an
    /// erased person's, say) no longer sit in the WAL. Retried while a reader holds the log; false if it never got through.
    /// </summary>
    public async Task<bool> CheckpointAsync(CancellationToken cancellationToken = default)
    {
        if (Provider != DatabaseProvider.Sqlite)
        {
            return true;
        }

        for (var attempt = 0; attempt < 50; attempt++)
        {
            await using var connection = await OpenAsync(cancellationToken);
            var busy = await connection.ExecuteScalarAsync<long>("PRAGMA wal_checkpoint(TRUNCATE)");
            if (busy == 0)
            {
                return true;
            }

            await Task.Delay(100, cancellationToken);
        }

        return false;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction (BEGIN IMMEDIATE on SQLite; XACT_ABORT on SQL Server, so an error
    /// rolls the whole transaction back on the server), committing when it returns. A transient failure (deadlock
    /// victim, timeout, failover, a busy SQLite file) rolls back and runs the work again, up to three attempts in all:
    /// the work must only write through the transaction it is given.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var committing = false;
            try
            {
                await using var connection = await OpenAsync(cancellationToken);
                if (connection is SqlConnection)
                {
                    await connection.ExecuteAsync(new CommandDefinition("SET XACT_ABORT ON", cancellationToken: cancellationToken));
                }

                await using var transaction = connection is SqliteConnection sqlite
                    ? sqlite.BeginTransaction(deferred: false)
                    : await connection.BeginTransactionAsync(cancellationToken);
                var result = await work(connection, transaction);
                committing = true;
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            // A commit that failed may still have committed: running the work again could write it twice.
            catch (Exception e) when (!committing && attempt < MaxAttempts && DbErrors.IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt * attempt), cancellationToken);
            }
        }
    }

    /// <summary>Attempts of a transaction that meets transient failures.</summary>
    public const int MaxAttempts = 3;

    public Task InTransactionAsync(Func<DbConnection, DbTransaction, Task> work, CancellationToken cancellationToken = default) =>
        InTransactionAsync<bool>(async (c, t) =>
        {
            await work(c, t);
            return true;
        }, cancellationToken);
}
