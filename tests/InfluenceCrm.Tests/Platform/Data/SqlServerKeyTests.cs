using Dapper;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace InfluenceCrm.Tests.Platform.Data;

/// <summary>Rules over the keys and indexes both migration sets end with, checked without a server.</summary>
public sealed class SqlServerKeyTests : IDisposable
{
    /// <summary>
    /// Key columns whose text the application writes in one case only, so SQL Server's case-insensitive collation and
    /// SQLite's binary one hold the same rows: the column and the function (or generator) every write goes through.
    /// </summary>
    private static readonly Dictionary<string, string> Normalised = new(StringComparer.Ordinal)
    {
        ["platform_people.email"] = "People.NormalizeEmail (lower case)",
        ["platform_api_keys.key_prefix"] = "ApiKeys: Convert.ToHexStringLower of random bytes",
        ["creator_social_accounts.platform"] = "CreatorRules: one of Vocabulary.Platforms, compared ordinally (lower case)",
        ["creator_social_accounts.handle_key"] = "CreatorRules.HandleKey (lower case)",
        ["creator_tags.tag"] = "CreatorStore.ReplaceChildrenAsync: distinct ignoring case, the first spelling kept",
        ["platform_settings.name"] = "InstallationKeys: names are constants of the code",
        ["ugc_rights_requests.token_hash"] = "Digest.Sha256Hex (lower-case hex)",
        ["platform_invitations.token_hash"] = "Digest.Sha256Hex (lower-case hex)",
        ["perf_link_day_visitors.ip_hash"] = "VisitorHash: Convert.ToHexStringLower",
        ["perf_promo_codes.code"] = "RegisterPromoCode and CreatorErasure: ToUpperInvariant",
        ["platform_visitor_salts.day"] = "IpHasher.DayText (yyyy-MM-dd)",
    };

    private readonly SqliteFiles files = new();

    public void Dispose() => files.Dispose();

    /// <summary>
    /// T-SQL only: the default collation is case-insensitive, so a unique key over text that differs only in case holds
    /// one row on SQL Server and two on SQLite (GA4 rows "Google / cpc" and "google / cpc" collapsed into one UPDATE, a
    /// row's sessions lost). Every text column of a primary key, unique constraint or unique index is binary, or
    /// written only through a named normaliser.
    /// </summary>
    [Fact]
    public void Text_in_unique_keys_is_binary_or_normalised_on_sql_server()
    {
        var model = SqlServerModel.Load();
        var failures = new List<string>();
        foreach (var key in model.Indexes.Where(i => i.Unique))
        {
            foreach (var name in key.Columns)
            {
                var column = model.Tables[key.Table][name];
                var binary = column.Collation?.EndsWith("_BIN2", StringComparison.OrdinalIgnoreCase) == true;
                if (column.IsText && !binary && !Normalised.ContainsKey($"{key.Table}.{name}") && !IsAppMadeId(name))
                {
                    failures.Add($"{key.Table}.{name} ({key.Name}): {column.Collation ?? "default collation"}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Distinct()));
    }

    /// <summary>Ids the application makes (a type prefix and a ULID, <c>Ids.New</c>): the same text at every write.</summary>
    private static bool IsAppMadeId(string column) => column == "id" || (column.EndsWith("_id", StringComparison.Ordinal) && column != "order_id");

    /// <summary>
    /// A foreign key without an index makes every delete of a referenced row scan the referencing table (and lock it),
    /// and every join on it a scan. Each REFERENCES column set is the leading part of an index (primary key, unique
    /// constraint or index) in both migration sets.
    /// </summary>
    [Fact]
    public void Every_foreign_key_leads_an_index_on_sql_server()
    {
        var model = SqlServerModel.Load();
        Assert.NotEmpty(model.ForeignKeys);
        var failures = model.ForeignKeys
            .Where(f => !Unindexed.ContainsKey($"{f.Table}.{string.Join(",", f.Columns)}"))
            .Where(f => !model.Indexes.Any(i => i.Table == f.Table && i.Columns.Take(f.Columns.Count).SequenceEqual(f.Columns)))
            .Select(f => $"{f.Table} ({string.Join(", ", f.Columns)}) REFERENCES {f.References}")
            .ToList();

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Foreign keys left without an index, each with why.</summary>
    private static readonly Dictionary<string, string> Unindexed = new(StringComparer.Ordinal)
    {
        ["perf_clicks.user_agent_id"] = "SQL Server only; every click inserts a row, user agents are never deleted nor joined from",
    };

    [Fact]
    public async Task Every_foreign_key_leads_an_index_on_sqlite()
    {
        var db = await files.MigratedAsync("keys");
        await using var c = new SqliteConnection(db.ConnectionString);
        var tables = (await c.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")).ToList();
        var failures = new List<string>();
        var keys = 0;
        foreach (var table in tables)
        {
            var indexes = new List<List<string>>();
            foreach (var index in await c.QueryAsync<string>("SELECT name FROM pragma_index_list(@table)", new { table }))
            {
                indexes.Add((await c.QueryAsync<string>("SELECT name FROM pragma_index_info(@index) ORDER BY seqno", new { index })).ToList());
            }

            // A rowid table's INTEGER PRIMARY KEY is the rowid itself: no entry in index_list, yet an index.
            indexes.Add((await c.QueryAsync<string>("SELECT name FROM pragma_table_info(@table) WHERE pk > 0 ORDER BY pk", new { table })).ToList());
            var references = (await c.QueryAsync<(long Id, string From, string Table)>(
                "SELECT id, \"from\", \"table\" FROM pragma_foreign_key_list(@table) ORDER BY id, seq", new { table })).GroupBy(r => r.Id);
            foreach (var reference in references)
            {
                keys++;
                var columns = reference.Select(r => r.From).ToList();
                if (!indexes.Any(i => i.Take(columns.Count).SequenceEqual(columns)))
                {
                    failures.Add($"{table} ({string.Join(", ", columns)}) REFERENCES {reference.First().Table}");
                }
            }
        }

        Assert.True(keys > 10, $"only {keys} foreign keys found");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>The admin's click totals read their workspace's rows through an index, not every workspace's rollups.</summary>
    [Fact]
    public async Task The_click_pipeline_totals_seek_their_workspace()
    {
        var db = await files.MigratedAsync("plan");
        await using var c = new SqliteConnection(db.ConnectionString);
        var plan = string.Join(" ", (await c.QueryAsync("EXPLAIN QUERY PLAN " + InfluenceCrm.Performance.Features.Clicks.GetClickPipelineStats.Totals.Sqlite,
            new { WorkspaceId = "ws_1", Day = "2026-01-01" })).Select(row => (string)row.detail));

        Assert.Contains("USING INDEX ix_perf_campaign_daily_workspace", plan, StringComparison.Ordinal);
    }
}
