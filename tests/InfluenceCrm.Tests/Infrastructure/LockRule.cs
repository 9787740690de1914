using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace InfluenceCrm.Tests.Infrastructure;

/// <summary>
/// Under READ COMMITTED (and RCSI) a check that a row does not exist, followed by its insert, lets two requests both pass
/// the check; the check's read of the table it guards must hold the range (UPDLOCK, HOLDLOCK) until the transaction ends.
/// Within one statement: an INSERT INTO t whose source reads t (… WHERE NOT EXISTS (SELECT … FROM t …)), an
/// IF [NOT] EXISTS (SELECT … FROM t …) before an INSERT INTO t, and a MERGE INTO t (its target needs HOLDLOCK). Across
/// statements (<see cref="ChecksBeforeInserts"/>): a SELECT from t that the code runs before an INSERT INTO t.
/// </summary>
internal static class LockRule
{
    /// <summary>The tables a statement inserts into (INSERT, or MERGE … WHEN NOT MATCHED THEN INSERT).</summary>
    public static IReadOnlySet<string> InsertedTables(TSqlFragment fragment)
    {
        var visitor = new Inserts();
        fragment.Accept(visitor);
        return visitor.Tables;
    }

    /// <summary>The references to <paramref name="table"/> in a fragment that do not hold UPDLOCK and HOLDLOCK (or SERIALIZABLE).</summary>
    public static int UnlockedReferences(TSqlFragment fragment, string table)
    {
        var visitor = new References(table);
        fragment.Accept(visitor);
        return visitor.Found.Count(r => !Locked(r));
    }

    /// <summary>Reads of tables the same statement inserts into, without the range lock.</summary>
    public static IReadOnlyList<string> Check(string text)
    {
        var failures = new List<string>();
        foreach (var statement in ((TSqlScript)SqlServerModel.Parse(text)).Batches.SelectMany(b => b.Statements))
        {
            var visitor = new Statements(failures);
            statement.Accept(visitor);
        }

        return failures;
    }

    public static bool Locked(NamedTableReference reference) =>
        reference.TableHints.Any(h => h.HintKind is TableHintKind.Serializable)
        || (reference.TableHints.Any(h => h.HintKind == TableHintKind.UpdLock) && reference.TableHints.Any(h => h.HintKind == TableHintKind.HoldLock));

    private static string Name(NamedTableReference reference) => reference.SchemaObject.BaseIdentifier.Value;

    private sealed class Statements(List<string> failures) : TSqlFragmentVisitor
    {
        public override void Visit(InsertStatement node)
        {
            if (node.InsertSpecification.Target is NamedTableReference target && node.InsertSpecification.InsertSource is { } source
                && UnlockedReferences(source, Name(target)) > 0)
            {
                failures.Add($"INSERT INTO {Name(target)} reads {Name(target)} without WITH (UPDLOCK, HOLDLOCK)");
            }
        }

        public override void Visit(IfStatement node)
        {
            foreach (var table in InsertedTables(node.ThenStatement))
            {
                if (UnlockedReferences(node.Predicate, table) > 0)
                {
                    failures.Add($"IF … INSERT INTO {table}: the check reads {table} without WITH (UPDLOCK, HOLDLOCK)");
                }
            }
        }

        public override void Visit(MergeSpecification node)
        {
            if (node.Target is NamedTableReference target && !target.TableHints.Any(h => h.HintKind is TableHintKind.HoldLock or TableHintKind.Serializable))
            {
                failures.Add($"MERGE INTO {Name(target)} without WITH (HOLDLOCK)");
            }
        }
    }

    private sealed class Inserts : TSqlFragmentVisitor
    {
        public HashSet<string> Tables { get; } = new(StringComparer.OrdinalIgnoreCase);

        public override void Visit(InsertSpecification node)
        {
            if (node.Target is NamedTableReference target)
            {
                Tables.Add(Name(target));
            }
        }

        public override void Visit(MergeSpecification node)
        {
            if (node.Target is NamedTableReference target && node.ActionClauses.Any(a => a.Action is InsertMergeAction))
            {
                Tables.Add(Name(target));
            }
        }
    }

    private sealed class References(string table) : TSqlFragmentVisitor
    {
        public List<NamedTableReference> Found { get; } = [];

        public override void Visit(NamedTableReference node)
        {
            if (string.Equals(Name(node), table, StringComparison.OrdinalIgnoreCase))
            {
                Found.Add(node);
            }
        }
    }
}
