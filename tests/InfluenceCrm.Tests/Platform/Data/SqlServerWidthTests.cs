using Dapper;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace InfluenceCrm.Tests.Platform.Data;

/// <summary>
/// SQL Server's declared widths, enforced on the SQLite test databases by triggers (see <see cref="SqlServerWidths"/>):
/// what SQL Server would refuse with Msg 2628, after the rows before it in the transaction were written, fails here too.
/// </summary>
public sealed class SqlServerWidthTests : IDisposable
{
    private readonly SqliteFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public void The_widths_are_those_the_sqlserver_migrations_end_with()
    {
        var tables = SqlServerModel.Load().Tables;

        Assert.Equal((SqlDataTypeOption.NVarChar, 40), (tables["platform_audit_log"]["entity_id"].Type, tables["platform_audit_log"]["entity_id"].Width));
        Assert.Equal(40, tables["perf_engagement_snapshots"]["source"].Width); // widened from 10 by 0025's ALTER COLUMN
        Assert.Null(tables["platform_workspaces"]["logo"].Width); // VARBINARY(MAX)
        Assert.True(tables.ContainsKey("perf_clicks")); // renamed into place by 0027
        Assert.DoesNotContain("perf_clicks_numbered", tables.Keys);
    }

    [Fact]
    public async Task A_value_wider_than_its_sql_server_column_is_refused_on_sqlite_too()
    {
        var db = await files.MigratedAsync("widths");
        using var c = new SqliteConnection(db.ConnectionString);
        const string insert = """
            INSERT INTO platform_audit_log (id, workspace_id, occurred_at, actor, action, entity_type, entity_id)
            VALUES (@Id, 'ws_1', '2026-01-01T00:00:00.0000000Z', 'usr_1', 'person.invited', 'invitation', @EntityId)
            """;

        c.Execute(insert, new { Id = "aud_1", EntityId = new string('a', 40) });
        var error = Assert.Throws<SqliteException>(() => c.Execute(insert, new { Id = "aud_2", EntityId = "a.rather.long.address@an-agency.example.com" }));

        Assert.Contains("platform_audit_log.entity_id is NVARCHAR(40)", error.Message, StringComparison.Ordinal);
        Assert.Equal(1L, c.ExecuteScalar<long>("SELECT COUNT(*) FROM platform_audit_log"));

        c.Execute("INSERT INTO platform_workspaces (id, slug, name, created_at) VALUES ('ws_1', 'main', 'Main', '2026-01-01T00:00:00.0000000Z')");
        var update = Assert.Throws<SqliteException>(() => c.Execute("UPDATE platform_workspaces SET name = @Name", new { Name = new string('x', 201) }));
        Assert.Contains("platform_workspaces.name is NVARCHAR(200)", update.Message, StringComparison.Ordinal);
    }
}
