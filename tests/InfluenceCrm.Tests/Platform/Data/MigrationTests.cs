using System.Diagnostics;
using Dapper;
using InfluenceCrm.Access;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using Microsoft.Data.Sqlite;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace InfluenceCrm.Tests.Platform.Data;

public sealed class MigrationTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "influencecrm-tests", Guid.NewGuid().ToString("N"));

    private string ConnectionString => $"Data Source={Path.Combine(folder, "nested", "migrations.db")}";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private Migrator Migrator() => new(new Db(DatabaseProvider.Sqlite, ConnectionString), NullLogger<Migrator>.Instance);

    [Fact]
    public async Task Migrations_create_the_folder_apply_once_journal_each_and_use_wal()
    {
        var known = InfluenceCrm.Platform.Data.Migrator.Load(DatabaseProvider.Sqlite);
        var first = await Migrator().MigrateAsync(TestContext.Current.CancellationToken);
        var second = await Migrator().MigrateAsync(TestContext.Current.CancellationToken);

        Assert.Equal(known.Select(m => m.Version), first.Select(m => m.Version));
        Assert.Empty(second);
        await using var c = new SqliteConnection(ConnectionString);
        Assert.Equal(known.Select(m => (long)m.Version), await c.QueryAsync<long>("SELECT version FROM platform_schema_migrations ORDER BY version"));
        Assert.Equal("wal", await c.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task Replicas_starting_together_migrate_once_and_both_start()
    {
        var known = InfluenceCrm.Platform.Data.Migrator.Load(DatabaseProvider.Sqlite);
        await Migrator().MigrateAsync([known[0]], TestContext.Current.CancellationToken); // the file and its journal exist, as after a first deployment
        var replicas = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Migrator().MigrateAsync(known, TestContext.Current.CancellationToken))));

        Assert.Equal(known.Skip(1).Select(m => m.Version), replicas.SelectMany(r => r).Select(m => m.Version).Order());
        await using var c = new SqliteConnection(ConnectionString);
        Assert.Equal(known.Select(m => (long)m.Version), await c.QueryAsync<long>("SELECT version FROM platform_schema_migrations ORDER BY version"));
    }

    [Fact]
    public void Every_migration_is_found_under_the_same_resource_names_on_every_system()
    {
        var names = typeof(Migrator).Assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal)).ToList();
        Assert.All(names, n => Assert.Matches("^db/(sqlite|sqlserver)/\\d{4}_[a-z0-9_]+\\.sql$", n));
        Assert.Equal(InfluenceCrm.Platform.Data.Migrator.Load(DatabaseProvider.Sqlite).Count, InfluenceCrm.Platform.Data.Migrator.Load(DatabaseProvider.SqlServer).Count);
    }

    [Fact]
    public async Task A_failing_migration_changes_neither_schema_nor_journal()
    {
        await Migrator().MigrateAsync(TestContext.Current.CancellationToken);
        var known = InfluenceCrm.Platform.Data.Migrator.Load(DatabaseProvider.Sqlite);
        var broken = new Migrator.Migration(9999, "9999_broken.sql",
            "CREATE TABLE platform_probe (id TEXT NOT NULL); INSERT INTO platform_probe VALUES ('x'); SELECT * FROM no_such_table;");

        var failure = await Assert.ThrowsAsync<MigrationFailedException>(() => Migrator().MigrateAsync([.. known, broken], TestContext.Current.CancellationToken));

        Assert.Equal("9999_broken.sql", failure.Migration);
        await using var c = new SqliteConnection(ConnectionString);
        Assert.Equal(0L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'platform_probe'"));
        Assert.Equal(known[^1].Version, await c.ExecuteScalarAsync<long>("SELECT MAX(version) FROM platform_schema_migrations"));
    }

    [Fact]
    public async Task A_database_newer_than_the_code_is_refused()
    {
        await Migrator().MigrateAsync(TestContext.Current.CancellationToken);
        var known = InfluenceCrm.Platform.Data.Migrator.Load(DatabaseProvider.Sqlite);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Migrator().MigrateAsync(known.Take(1).ToList(), TestContext.Current.CancellationToken));
        Assert.Contains("newer than the code", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_log_refuses_updates_and_deletes()
    {
        await Migrator().MigrateAsync(TestContext.Current.CancellationToken);
        await using var c = new SqliteConnection(ConnectionString);
        await c.ExecuteAsync("""
            INSERT INTO platform_audit_log (id, workspace_id, occurred_at, actor, action, entity_type, entity_id)
            VALUES ('aud_1', 'ws_1', '2026-01-01T00:00:00.0000000Z', 'key_1', 'creator.erased', 'creator', 'cr_1')
            """);
        await Assert.ThrowsAsync<SqliteException>(() => c.ExecuteAsync("UPDATE platform_audit_log SET action = 'nothing'"));
        await Assert.ThrowsAsync<SqliteException>(() => c.ExecuteAsync("DELETE FROM platform_audit_log"));
        Assert.Equal("creator.erased", await c.ExecuteScalarAsync<string>("SELECT action FROM platform_audit_log"));
    }

    [Fact]
    public async Task The_cli_verbs_migrate_create_a_workspace_and_print_a_working_key_last()
    {
        var environment = new Dictionary<string, string> { ["ConnectionStrings__InfluenceCrm"] = ConnectionString };

        var migrate = await RunApi(environment, "migrate");
        Assert.Equal(0, migrate.Code);
        var workspace = await RunApi(environment, "workspaces", "create", "acme-beauty", "--name", "Acme Beauty");
        Assert.Equal(0, workspace.Code);
        Assert.Equal(1, (await RunApi(environment, "workspaces", "create", "acme-beauty")).Code); // slugs are unique
        Assert.Equal(1, (await RunApi(environment, "apikeys", "create", "--workspace", "nobody", "--role", "brand")).Code);
        Assert.Equal(1, (await RunApi(environment, "apikeys", "create", "--workspace", "acme-beauty", "--role", "god")).Code);
        var key = await RunApi(environment, "apikeys", "create", "--workspace", "acme-beauty", "--role", "legal", "--name", "Legal team");
        Assert.Equal(0, key.Code);

        var plaintext = key.Output.TrimEnd().Split('\n')[^1].Trim();
        var store = new AccessStore(new Db(DatabaseProvider.Sqlite, ConnectionString), TimeProvider.System);
        var found = await store.AuthenticateAsync(plaintext, TestContext.Current.CancellationToken);
        Assert.NotNull(found);
        Assert.Equal("legal", found.Role);
        Assert.Equal("Legal team", found.Name);
        await using var c = new SqliteConnection(ConnectionString);
        Assert.Equal(0L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM platform_api_keys WHERE key_hash = @plaintext OR key_prefix = @plaintext", new { plaintext }));
    }

    private static async Task<(int Code, string Output)> RunApi(Dictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (k, v) in environment)
        {
            start.Environment[k] = v;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await error);
    }
}

/// <summary>The migrations on SQL Server, where the leg runs: applied once, journaled, and safe for replicas starting together (sp_getapplock).</summary>
public sealed class SqlServerMigrationTests : IAsyncDisposable
{
    private readonly SqlServerDatabases databases = new();

    public ValueTask DisposeAsync() => databases.DisposeAsync();

    [Fact]
    public async Task Replicas_starting_together_migrate_once_on_sql_server()
    {
        var connectionString = await databases.EmptyAsync();
        var known = InfluenceCrm.Platform.Data.Migrator.Load(DatabaseProvider.SqlServer);
        var replicas = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
            new Migrator(new Db(DatabaseProvider.SqlServer, connectionString), NullLogger<Migrator>.Instance).MigrateAsync(TestContext.Current.CancellationToken))));

        Assert.Equal(known.Select(m => m.Version), replicas.SelectMany(r => r).Select(m => m.Version).Order());
        await using var c = new Microsoft.Data.SqlClient.SqlConnection(connectionString);
        Assert.Equal(known.Select(m => m.Version), await c.QueryAsync<int>("SELECT version FROM platform_schema_migrations ORDER BY version"));
    }
}
