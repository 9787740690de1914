using InfluenceCrm.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace InfluenceCrm.Tests.Infrastructure;

/// <summary>Real SQLite files in a folder of their own, migrated like the application's, deleted with the folder.</summary>
public sealed class SqliteFiles : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "influencecrm-tests", Guid.NewGuid().ToString("N"));

    public async Task<Db> MigratedAsync(string name)
    {
        var db = new Db(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, name + ".db")}");
        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync();
        SqlServerWidths.Install(db.ConnectionString);
        return db;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
