using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace InfluenceCrm.Platform.Data;

/// <summary>
/// Applies the forward-only migrations of db/sqlite or db/sqlserver (embedded in this assembly), each in
/// its own transaction together with its journal row: a migration that fails leaves schema and journal
/// as they were.
/// </summary>
public sealed partial class Migrator(Db db, ILogger<Migrator> logger)
{
    private static readonly Sql CreateJournal = Sql.Per(
        sqlite: """
            CREATE TABLE IF NOT EXISTS platform_schema_migrations (
                version INTEGER NOT NULL PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at TEXT NOT NULL
            )
            """,
        sqlServer: """
            IF OBJECT_ID(N'dbo.platform_schema_migrations', N'U') IS NULL
            CREATE TABLE dbo.platform_schema_migrations (
                version INT NOT NULL PRIMARY KEY,
                name NVARCHAR(200) NOT NULL,
                applied_at DATETIME2(7) NOT NULL
            )
            """);

    private static readonly Sql ListApplied = Sql.Both("SELECT version FROM platform_schema_migrations ORDER BY version");

    private static readonly Sql IsApplied = Sql.Both("SELECT COUNT(*) FROM platform_schema_migrations WHERE version = @Version");

    /// <summary>
    /// SQL Server: one migrator at a time across every replica starting together (a session-owned application lock,
    /// waited for up to the migration timeout); the others find the migrations applied once they get it.
    /// </summary>
    private static readonly Sql TakeLock = Sql.SqlServerOnly("""
        DECLARE @Result INT;
        EXEC @Result = sp_getapplock @Resource = N'InfluenceCrm.Migrations', @LockMode = N'Exclusive', @LockOwner = N'Session', @LockTimeout = @TimeoutMs;
        SELECT @Result
        """);

    private static readonly Sql ReleaseLock = Sql.SqlServerOnly("EXEC sp_releaseapplock @Resource = N'InfluenceCrm.Migrations', @LockOwner = N'Session'");

    /// <summary>A migration whose first line is this runs outside a transaction (statements SQL Server refuses in one, such as some index and full-text
    /// DDL).</summary>
    public const string NoTransactionMarker = "-- migration: no transaction";

    /// <summary>DDL on a large table takes longer than a query: the timeout of every migration statement (Database:MigrationTimeoutSeconds).</summary>
    public int TimeoutSeconds { get; init; } = 600;

    private static readonly Sql Journal = Sql.Both(
        "INSERT INTO platform_schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)");

    public sealed record Migration(int Version, string Name, string Script);

    /// <summary>The migrations of one engine, in order.</summary>
    public static IReadOnlyList<Migration> Load(DatabaseProvider provider)
    {
        var folder = provider == DatabaseProvider.SqlServer ? "db/sqlserver/" : "db/sqlite/";
        var assembly = typeof(Migrator).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(folder, StringComparison.Ordinal)))
        {
            var file = resource[folder.Length..];
            var match = FileName().Match(file);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Migration file '{resource}' is not named NNNN_name.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), file, reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two migrations share number {duplicate.Key}.");
        }

        return migrations;
    }

    /// <summary>Splits a T-SQL script into batches on lines that hold only GO (as sqlcmd does).</summary>
    public static IEnumerable<string> Batches(string script) =>
        GoLine().Split(script).Where(b => !string.IsNullOrWhiteSpace(b));

    /// <returns>The migrations applied by this call.</returns>
    public Task<IReadOnlyList<Migration>> MigrateAsync(CancellationToken cancellationToken = default) =>
        MigrateAsync(Load(db.Provider), cancellationToken);

    /// <param name="known">The migrations of this build (tests pass their own to prove a failing one changes nothing).</param>
    public async Task<IReadOnlyList<Migration>> MigrateAsync(IReadOnlyList<Migration> known, CancellationToken cancellationToken)
    {
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            EnsureSqliteFolder(db.ConnectionString);
        }

        await using var connection = await db.OpenCreatingAsync(cancellationToken);
        if (connection is SqliteConnection)
        {
            await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
        }
        else
        {
            if (await CompatibilityLevel.CheckAsync(connection, null, cancellationToken) is { } problem)
            {
                throw new InvalidOperationException(problem);
            }

            var locked = await connection.ExecuteScalarAsync<int>(new CommandDefinition(TakeLock.SqlServer, new { TimeoutMs = TimeoutSeconds * 1000 },
                commandTimeout: TimeoutSeconds + 30, cancellationToken: cancellationToken));
            if (locked < 0)
            {
                throw new InvalidOperationException($"Another instance has been migrating this database for over {TimeoutSeconds} s (sp_getapplock answered " +
                    $"{locked}).");
            }
        }

        try
        {
            return await MigrateLockedAsync(connection, known, cancellationToken);
        }
        finally
        {
            if (connection is not SqliteConnection)
            {
                await connection.ExecuteAsync(new CommandDefinition(ReleaseLock.SqlServer, cancellationToken: CancellationToken.None));
            }
        }
    }

    private async Task<IReadOnlyList<Migration>> MigrateLockedAsync(DbConnection connection, IReadOnlyList<Migration> known,
        CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(CreateJournal, ct: cancellationToken);
        var applied = (await connection.QueryAsync<long>(ListApplied, ct: cancellationToken)).Select(v => (int)v).ToHashSet();
        var unknown = applied.Where(v => known.All(m => m.Version != v)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database has migration(s) {string.Join(", ", unknown)} that this build does not know: it is newer than the code.");
        }

        var done = new List<Migration>();
        foreach (var migration in known.Where(m => !applied.Contains(m.Version)))
        {
            if (await ApplyAsync(connection, migration, cancellationToken))
            {
                done.Add(migration);
                LogApplied(logger, migration.Name);
            }
        }

        return done;
    }

    /// <returns>false when another migrator applied it first (SQLite: two processes starting together on one file).</returns>
    private async Task<bool> ApplyAsync(DbConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        var batches = connection is SqliteConnection ? [migration.Script] : Batches(migration.Script).ToList();
        if (migration.Script.TrimStart().StartsWith(NoTransactionMarker, StringComparison.Ordinal))
        {
            // Outside a transaction a failure cannot be undone: the journal row is written only once every batch succeeded.
            try
            {
                foreach (var batch in batches)
                {
                    await connection.ExecuteAsync(new CommandDefinition(batch, commandTimeout: TimeoutSeconds, cancellationToken: cancellationToken));
                }

                await connection.ExecuteAsync(Journal, new { migration.Version, migration.Name, AppliedAt = DateTimeOffset.UtcNow }, ct: cancellationToken);
                return true;
            }
            catch (Exception e) when (e is DbException or InvalidOperationException)
            {
                throw new MigrationFailedException(migration.Name, e);
            }
        }

        // SQLite: BEGIN IMMEDIATE takes the write lock before the journal is read again, so a second process waits, then skips.
        await using var transaction = connection is SqliteConnection sqlite ? sqlite.BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            if (await connection.ExecuteScalarAsync<long>(IsApplied, new { migration.Version }, transaction, cancellationToken) > 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }

            foreach (var batch in batches)
            {
                await connection.ExecuteAsync(new CommandDefinition(batch, transaction: transaction, commandTimeout: TimeoutSeconds,
                    cancellationToken: cancellationToken));
            }

            await connection.ExecuteAsync(Journal,
                new { migration.Version, migration.Name, AppliedAt = DateTimeOffset.UtcNow }, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            try
            {
                await transaction.RollbackAsync(CancellationToken.None);
            }
            catch (Exception rollback) when (rollback is DbException or InvalidOperationException)
            {
                // The server already ended the transaction (an error that aborts it): report the migration's error, not this one.
            }

            throw new MigrationFailedException(migration.Name, e);
        }
    }

    private static void EnsureSqliteFolder(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder) && dataSource != ":memory:")
        {
            Directory.CreateDirectory(folder);
        }
    }

    [GeneratedRegex(@"^(\d{4})_[a-z0-9_]+\.sql$")]
    private static partial Regex FileName();

    [GeneratedRegex(@"^\s*GO\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex GoLine();

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Migration}")]
    private static partial void LogApplied(ILogger logger, string migration);
}

public sealed class MigrationFailedException(string migration, Exception inner)
    : Exception($"Migration {migration} failed and was rolled back: {inner.Message}", inner)
{
    public string Migration { get; } = migration;
}
