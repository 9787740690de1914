using System.Collections.Concurrent;

namespace InfluenceCrm.Platform.Data;

/// <summary>
/// One entry of the SQL catalogue: a statement declared once, with its text per engine.
/// Every statement the application sends is a static <see cref="Sql"/>; tests enumerate them all
/// (prepared against the migrated SQLite schema, parsed as T-SQL with ScriptDom).
/// </summary>
public sealed class Sql
{
    private static readonly ConcurrentBag<Sql> Registered = [];

    private Sql(string file, int line, string sqlite, string sqlServer)
    {
        SourceFile = file.Replace('\\', '/');
        Name = $"{Path.GetFileName(file)}:{line}";
        Sqlite = sqlite;
        SqlServer = sqlServer;
        Registered.Add(this);
    }

    /// <summary>Where the statement was declared (file:line), for test messages.</summary>
    public string Name { get; }

    /// <summary>The source file that declares it: tests check a module names only its own tables.</summary>
    public string SourceFile { get; }

    public string Sqlite { get; }

    public string SqlServer { get; }

    /// <summary>Every statement constructed so far (tests run every class constructor first).</summary>
    public static IReadOnlyCollection<Sql> All => Registered;

    /// <summary>The same text on both engines.</summary>
    public static Sql Both(string text, [System.Runtime.CompilerServices.CallerFilePath] string file = "",
        [System.Runtime.CompilerServices.CallerLineNumber] int line = 0) =>
        new(file, line, text, text);

    /// <summary>Dialects differ (paging, upsert, JSON, date functions): one text per engine.</summary>
    public static Sql Per(string sqlite, string sqlServer,
        [System.Runtime.CompilerServices.CallerFilePath] string file = "",
        [System.Runtime.CompilerServices.CallerLineNumber] int line = 0) =>
        new(file, line, sqlite, sqlServer);

    /// <summary>
    /// A statement that only one engine's code path sends (the click writer writes per row on SQLite, per batch on SQL
    /// Server): the other engine's text is empty, and asking for it is a programming error.
    /// </summary>
    public static Sql SqliteOnly(string text, [System.Runtime.CompilerServices.CallerFilePath] string file = "",
        [System.Runtime.CompilerServices.CallerLineNumber] int line = 0) =>
        new(file, line, text, "");

    /// <inheritdoc cref="SqliteOnly"/>
    public static Sql SqlServerOnly(string text, [System.Runtime.CompilerServices.CallerFilePath] string file = "",
        [System.Runtime.CompilerServices.CallerLineNumber] int line = 0) =>
        new(file, line, "", text);

    public string For(DatabaseProvider provider) =>
        (provider == DatabaseProvider.SqlServer ? SqlServer : Sqlite) is { Length: > 0 } text
            ? text
            : throw new InvalidOperationException($"{Name} has no {provider} text.");

    public override string ToString() => Name;
}
