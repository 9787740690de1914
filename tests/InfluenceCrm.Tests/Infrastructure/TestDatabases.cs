using InfluenceCrm.Platform.Data;

namespace InfluenceCrm.Tests.Infrastructure;

/// <summary>
/// One fresh database of an engine for one fixture: what <see cref="SqliteApiFixture"/> and <see cref="SqlServerApiFixture"/>
/// create and drop, apart, so that a fixture with more to it (a browser, say) can run on either engine.
/// </summary>
public abstract class TestDatabase
{
    public abstract DatabaseProvider Provider { get; }

    /// <returns>The connection string of a fresh, empty database, or null after telling <paramref name="unavailable"/> why.</returns>
    public abstract Task<string?> CreateAsync(Action<string> unavailable);

    public abstract Task DropAsync();

    public static TestDatabase For(DatabaseProvider provider) =>
        provider == DatabaseProvider.Sqlite ? new SqliteTestDatabase() : new SqlServerTestDatabase();
}

/// <summary>A fresh SQLite file (WAL) in its own temporary folder.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "influencecrm-tests", Guid.NewGuid().ToString("N"));

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override Task<string?> CreateAsync(Action<string> unavailable) =>
        Task.FromResult<string?>($"Data Source={Path.Combine(folder, "test.db")}");

    public override Task DropAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return Task.CompletedTask;
    }
}

/// <summary>A fresh database on the SQL Server leg's server (see <see cref="SqlServerInstance"/>).</summary>
public sealed class SqlServerTestDatabase : TestDatabase
{
    private string? database;
    private string? server;

    public override DatabaseProvider Provider => DatabaseProvider.SqlServer;

    public override async Task<string?> CreateAsync(Action<string> unavailable)
    {
        var (connectionString, reason) = await SqlServerInstance.Shared.Value;
        if (connectionString is null)
        {
            if (SqlServerInstance.Required is { } why)
            {
                // Where the leg must run (CI with Docker), it cannot pass by skipping: the run fails and says why.
                throw new InvalidOperationException($"The SQL Server leg is required ({why}) but could not start: {reason}");
            }

            unavailable(reason!);
            return null;
        }

        server = connectionString;
        database = "icrm_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new Microsoft.Data.SqlClient.SqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE [{database}]"; // a name we made, never input
            await command.ExecuteNonQueryAsync();
        }

        return new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(server) { InitialCatalog = database }.ConnectionString;
    }

    public override async Task DropAsync()
    {
        if (database is null)
        {
            return;
        }

        Microsoft.Data.SqlClient.SqlConnection.ClearAllPools();
        await using var connection = new Microsoft.Data.SqlClient.SqlConnection(server);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"ALTER DATABASE [{database}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{database}]";
        await command.ExecuteNonQueryAsync();
    }
}
