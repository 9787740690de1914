using Dapper;
using InfluenceCrm.Platform.Data;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Logging.Abstractions;

namespace InfluenceCrm.Tests.Infrastructure;

/// <summary>
/// Fresh SQL Server databases for tests below the HTTP level, on the leg's server: skipped with the reason where none
/// answers, failed where the leg is required (see <see cref="SqlServerInstance.Required"/>). Dropped on dispose.
/// </summary>
public sealed class SqlServerDatabases : IAsyncDisposable
{
    private readonly List<string> created = [];
    private string? server;

    /// <summary>The connection string of a new, empty database.</summary>
    public async Task<string> EmptyAsync()
    {
        var (connectionString, reason) = await SqlServerInstance.Shared.Value;
        if (connectionString is null)
        {
            if (SqlServerInstance.Required is { } why)
            {
                throw new InvalidOperationException($"The SQL Server leg is required ({why}) but could not start: {reason}");
            }

            Assert.Skip(reason!);
        }

        server = connectionString;
        var database = "icrm_test_" + Guid.NewGuid().ToString("N");
        await using (var master = new SqlConnection(server))
        {
            await master.OpenAsync();
            await master.ExecuteAsync($"CREATE DATABASE [{database}]"); // a name we made, never input
        }

        created.Add(database);
        return new SqlConnectionStringBuilder(server) { InitialCatalog = database }.ConnectionString;
    }

    /// <summary>A new database with every migration applied.</summary>
    public async Task<Db> MigratedAsync()
    {
        var db = new Db(DatabaseProvider.SqlServer, await EmptyAsync());
        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync();
        return db;
    }

    public async ValueTask DisposeAsync()
    {
        if (server is null)
        {
            return;
        }

        SqlConnection.ClearAllPools();
        await using var master = new SqlConnection(server);
        await master.OpenAsync();
        foreach (var database in created)
        {
            await master.ExecuteAsync($"ALTER DATABASE [{database}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{database}]");
        }
    }
}
