using System.Text.RegularExpressions;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace InfluenceCrm.Tests.Platform.Data;

/// <summary>
/// Holds the two engines together where no SQL Server runs: every SQLite text compiles against the migrated schema,
/// every T-SQL text parses and names only tables and columns that db/sqlserver creates, and both migration sets
/// create the same tables and columns.
/// </summary>
public sealed partial class SqlCatalogueTests : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "influencecrm-tests", Guid.NewGuid().ToString("N"));
    private string connectionString = "";

    public async ValueTask InitializeAsync()
    {
        connectionString = $"Data Source={Path.Combine(folder, "catalogue.db")}";
        await new Migrator(new Db(DatabaseProvider.Sqlite, connectionString), NullLogger<Migrator>.Instance).MigrateAsync();
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public void The_catalogue_is_not_empty()
    {
        // Guards the tests below against passing on nothing.
        Assert.True(Catalogue.All().Count >= 30, $"only {Catalogue.All().Count} statements found");
    }

    [Fact]
    public void Every_statement_has_a_text_and_only_one_engine_may_lack_one()
    {
        Assert.All(Catalogue.All(), sql => Assert.True(sql.Sqlite.Length > 0 || sql.SqlServer.Length > 0, sql.Name));
        var engineOnly = Catalogue.All().Where(s => s.Sqlite.Length == 0 || s.SqlServer.Length == 0).ToList();
        Assert.All(engineOnly,
            sql => Assert.Throws<InvalidOperationException>(() => sql.For(sql.Sqlite.Length == 0 ? DatabaseProvider.Sqlite : DatabaseProvider.SqlServer)));
    }

    [Fact]
    public void Every_sqlite_statement_prepares_against_the_migrated_schema()
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var failures = new List<string>();
        foreach (var sql in Catalogue.All().Where(s => s.Sqlite.Length > 0))
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql.Sqlite;
            try
            {
                command.Prepare();
            }
            catch (SqliteException e)
            {
                failures.Add($"{sql.Name}: {e.Message}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void Every_tsql_statement_and_migration_parses()
    {
        var texts = Catalogue.All().Select(s => (s.Name, s.SqlServer))
            .Concat(Migrator.Load(DatabaseProvider.SqlServer).Select(m => (m.Name, m.Script)));
        var failures = texts.SelectMany(t => Parse(t.Item2).Errors.Select(e => $"{t.Item1} line {e.Line}: {e.Message}")).ToList();
        Assert.Empty(failures);
    }

    [Fact]
    public void Every_tsql_statement_names_only_tables_and_columns_the_sqlserver_migrations_create()
    {
        var schema = SqlServerSchema();
        var failures = new List<string>();
        foreach (var sql in Catalogue.All())
        {
            var visitor = new References();
            Parse(sql.SqlServer).Fragment.Accept(visitor);
            var tables = visitor.Tables.Where(t => t != "platform_schema_migrations" && !visitor.Aliases.Contains(t)).ToList();
            failures.AddRange(tables.Where(t => !schema.ContainsKey(t)).Select(t => $"{sql.Name}: unknown table {t}"));
            var columns = tables.Where(schema.ContainsKey).SelectMany(t => schema[t]).Append("value").Concat(visitor.Declared).ToHashSet();
            if (visitor.Tables.Contains("platform_schema_migrations"))
            {
                columns.UnionWith(["version", "name", "applied_at"]);
            }

            columns.UnionWith(visitor.SystemViews.SelectMany(v => SystemViewColumns[v]));

            failures.AddRange(visitor.Columns.Where(c => !columns.Contains(c)).Select(c => $"{sql.Name}: unknown column {c}"));
        }

        Assert.Empty(failures);
    }

    /// <summary>The columns of the server's catalogue views that statements read.</summary>
    private static readonly Dictionary<string, string[]> SystemViewColumns = new() { ["databases"] = ["compatibility_level", "database_id"] };

    [Fact]
    public void Both_migration_sets_create_the_same_tables_and_columns()
    {
        var sqlite = new SortedDictionary<string, SortedSet<string>>();
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            using var tables = connection.CreateCommand();
            // Virtual tables and their shadow tables are SQLite's own indexes (the creators search's trigrams): not tables of the model.
            tables.CommandText = "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> " +
                "'platform_schema_migrations'";
            var names = new List<string>();
            using (var reader = tables.ExecuteReader())
            {
                while (reader.Read())
                {
                    names.Add(reader.GetString(0));
                }
            }

            foreach (var name in names)
            {
                using var columns = connection.CreateCommand();
                columns.CommandText = "SELECT name FROM pragma_table_info(@table)";
                columns.Parameters.AddWithValue("@table", name);
                using var reader = columns.ExecuteReader();
                var set = new SortedSet<string>();
                while (reader.Read())
                {
                    set.Add(reader.GetString(0));
                }

                sqlite[name] = set;
            }
        }

        var sqlServer = SqlServerSchema();
        Assert.NotEmpty(sqlite);
        Assert.Equal(
            sqlite.Select(t => $"{t.Key}({string.Join(",", t.Value)})"),
            sqlServer.Select(t => $"{t.Key}({string.Join(",", t.Value)})"));
    }

    [Fact]
    public void Every_statement_touches_only_the_tables_of_the_module_that_declares_it()
    {
        var prefixes = new Dictionary<string, string>
        {
            ["InfluenceCrm.Platform"] = "platform_",
            ["InfluenceCrm.Api"] = "platform_",
            ["InfluenceCrm.Access"] = "platform_",
            ["InfluenceCrm.Creators"] = "creator_",
            ["InfluenceCrm.Campaigns"] = "campaign_",
            ["InfluenceCrm.Contracts"] = "contract_",
            ["InfluenceCrm.UgcRights"] = "ugc_",
            ["InfluenceCrm.Performance"] = "perf_",
            // The webhook tables kept the names they had in Platform, whose outbox writes them in the modules' transactions.
            ["InfluenceCrm.Webhooks"] = "platform_webhook_",
            ["InfluenceCrm.Media"] = "media_",
        };
        Catalogue.All();
        var tables = SqlServerSchema().Keys.Append("platform_schema_migrations").ToList();
        var failures = new List<string>();
        foreach (var sql in Sql.All)
        {
            var project = prefixes.Keys.SingleOrDefault(p => sql.SourceFile.Contains($"/src/{p}/", StringComparison.Ordinal));
            if (project is null)
            {
                failures.Add($"{sql.Name}: declared outside a known project ({sql.SourceFile})");
                continue;
            }

            foreach (var table in tables.Where(t => Regex.IsMatch(sql.Sqlite + "\n" + sql.SqlServer, $@"\b{t}\b")))
            {
                if (!table.StartsWith(prefixes[project], StringComparison.Ordinal))
                {
                    failures.Add($"{sql.Name}: {project} names {table}");
                }
            }
        }

        Assert.Empty(failures);
    }

    /// <summary>
    /// The catalogue is the process's: a statement a test declares joins it only once that test has run, so the rule above
    /// caught one in some orders of the suite and not in others. Tests send plain text with Dapper instead.
    /// </summary>
    [Fact]
    public void No_test_declares_a_catalogue_statement()
    {
        var tests = Path.Combine(Catalogue.RepositoryRoot(), "tests");
        var declaring = Directory.EnumerateFiles(tests, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => Regex.IsMatch(File.ReadAllText(f), @"\bSql\.(Both|Per|SqliteOnly|SqlServerOnly)\("))
            .Select(f => Path.GetRelativePath(tests, f))
            .ToList();
        Assert.Empty(declaring);
    }

    /// <summary>
    /// T-SQL only: OPENJSON without a WITH schema yields nvarchar(max) values and a 50-row guess, so the plan cannot seek
    /// on the column it is compared with; every OPENJSON the application sends declares its columns' types.
    /// </summary>
    [Fact]
    public void Every_openjson_declares_its_columns()
    {
        Catalogue.All();
        var failures = new List<string>();
        foreach (var sql in Sql.All.Where(s => s.SqlServer.Contains("OPENJSON", StringComparison.OrdinalIgnoreCase)))
        {
            var (fragment, errors) = Parse(sql.SqlServer);
            Assert.Empty(errors);
            var visitor = new OpenJsonCalls();
            fragment.Accept(visitor);
            failures.AddRange(visitor.WithoutSchema.Select(_ => $"{sql.Name}: OPENJSON without WITH"));
        }

        Assert.Empty(failures);
    }

    /// <summary>
    /// T-SQL only: replicas claiming work from one table (webhook deliveries) must neither wait on each other's claimed
    /// rows nor take the same ones: the claim's read locks what it takes (UPDLOCK) and skips what another holds
    /// (READPAST). SQLite has one writer at a time, so only the T-SQL text can get this wrong.
    /// </summary>
    [Fact]
    public void Claims_of_queued_work_skip_rows_other_replicas_hold_on_sql_server()
    {
        foreach (var sql in new[] { InfluenceCrm.Webhooks.WebhookDispatcher.Claim })
        {
            var (fragment, errors) = Parse(sql.SqlServer);
            Assert.Empty(errors);
            var visitor = new ClaimHints();
            fragment.Accept(visitor);
            Assert.True(visitor.Claims, $"{sql.Name}: the claim must read WITH (UPDLOCK, READPAST)");
        }
    }

    /// <summary>
    /// T-SQL only: an optional filter written "(@X IS NULL OR col = @X)" gets one cached plan for every combination of
    /// filters, fit for none (a scan where a seek was possible). With OPTION (RECOMPILE) SQL Server plans each call with
    /// the parameters' values and drops the filters not given, and a keyset condition "(@AfterId IS NULL OR …)" seeks.
    /// </summary>
    [Fact]
    public void Statements_with_optional_filters_recompile_on_sql_server()
    {
        Catalogue.All();
        var failures = new List<string>();
        foreach (var sql in Sql.All.Where(s => Regex.IsMatch(s.SqlServer, @"@\w+ IS NULL OR", RegexOptions.IgnoreCase)))
        {
            var (fragment, errors) = Parse(sql.SqlServer);
            Assert.Empty(errors);
            var visitor = new RecompileHints();
            fragment.Accept(visitor);
            if (!visitor.Found)
            {
                failures.Add($"{sql.Name}: optional filters without OPTION (RECOMPILE)");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>
    /// T-SQL only: the database's default collation is case-insensitive, so a key the application compares
    /// case-sensitively needs a binary collation on SQL Server, or "Ab" finds "ab" (an idempotency key replaying another
    /// request's answer, a link code redirecting to another link). The collation each such column ends with, migration
    /// after migration.
    /// </summary>
    [Theory]
    [InlineData("perf_links", "code")]
    [InlineData("platform_idempotency_keys", "idempotency_key")]
    [InlineData("perf_conversions", "order_id")]
    [InlineData("perf_user_agents", "user_agent")]
    [InlineData("platform_calendar_feeds", "secret_prefix")]
    public void Case_sensitive_keys_have_a_binary_collation_on_sql_server(string table, string column)
    {
        string? collation = null;
        var seen = false;
        foreach (var migration in Migrator.Load(DatabaseProvider.SqlServer))
        {
            var (fragment, errors) = Parse(migration.Script);
            Assert.Empty(errors);
            var visitor = new Collations(table, column);
            fragment.Accept(visitor);
            if (visitor.Seen)
            {
                (seen, collation) = (true, visitor.Collation);
            }
        }

        Assert.True(seen, $"{table}.{column} is not created by the migrations");
        Assert.Equal("Latin1_General_100_BIN2", collation);
    }
}
