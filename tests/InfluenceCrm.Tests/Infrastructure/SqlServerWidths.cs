using Microsoft.Data.Sqlite;

namespace InfluenceCrm.Tests.Infrastructure;

/// <summary>
/// SQL Server refuses a value longer than its column's declared width (Msg 2628) where SQLite stores any length. The test
/// databases get triggers made from the widths db/sqlserver ends with, so every SQLite test also checks what SQL Server
/// would refuse: a value too wide aborts the write, with the table, column and declared type in the message. A test-only
/// construct: the migrations never hold these triggers. SQLite's length() counts characters where NVARCHAR counts UTF-16
/// code units, so a character outside the BMP counts one here and two there; validators count UTF-16 units (string.Length).
/// </summary>
internal static class SqlServerWidths
{
    public const string Marker = "SQL Server width";

    public static IReadOnlyList<string> Triggers(SqlServerModel model)
    {
        var statements = new List<string>();
        foreach (var (table, columns) in model.Tables.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var sized = columns.Values.Where(c => c.Width is not null).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
            if (sized.Count == 0)
            {
                continue;
            }

            var checks = string.Concat(sized.Select(c =>
                $"\n    SELECT RAISE(ABORT, '{Marker}: {table}.{c.Name} is {c.Type.ToString().ToUpperInvariant()}({c.Width}) on SQL Server (Msg 2628)') "
                + $"WHERE length(NEW.\"{c.Name}\") > {c.Width};"));
            foreach (var operation in new[] { "INSERT", "UPDATE" })
            {
                statements.Add($"CREATE TRIGGER \"test_width_{table}_{operation.ToLowerInvariant()}\" BEFORE {operation} ON \"{table}\" BEGIN{checks}\nEND;");
            }
        }

        return statements;
    }

    /// <summary>Adds the width triggers to a migrated SQLite database.</summary>
    public static void Install(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        foreach (var statement in Triggers(SqlServerModel.Load()))
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = statement;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
