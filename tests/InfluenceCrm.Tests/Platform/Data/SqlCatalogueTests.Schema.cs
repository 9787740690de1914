using System.Text.RegularExpressions;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace InfluenceCrm.Tests.Platform.Data;

/// <summary>What the catalogue tests read T-SQL with: the parser, the schema db/sqlserver creates, and the visitors.</summary>
public sealed partial class SqlCatalogueTests
{
    private sealed class OpenJsonCalls : TSqlFragmentVisitor
    {
        public List<OpenJsonTableReference> WithoutSchema { get; } = [];

        public override void Visit(OpenJsonTableReference node)
        {
            if (node.SchemaDeclarationItems.Count == 0)
            {
                WithoutSchema.Add(node);
            }
        }
    }

    private sealed class ClaimHints : TSqlFragmentVisitor
    {
        public bool Claims { get; private set; }

        public override void Visit(NamedTableReference node) =>
            Claims |= node.TableHints.Any(h => h.HintKind == TableHintKind.UpdLock) && node.TableHints.Any(h => h.HintKind == TableHintKind.ReadPast);
    }

    private sealed class RecompileHints : TSqlFragmentVisitor
    {
        public bool Found { get; private set; }

        public override void Visit(OptimizerHint node) => Found |= node.HintKind == OptimizerHintKind.Recompile;
    }

    private static (TSqlFragment Fragment, IList<ParseError> Errors) Parse(string text)
    {
        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(text), out var errors);
        return (fragment, errors);
    }

    private static SortedDictionary<string, SortedSet<string>> SqlServerSchema()
    {
        var schema = new SortedDictionary<string, SortedSet<string>>();
        foreach (var migration in Migrator.Load(DatabaseProvider.SqlServer))
        {
            var (fragment, errors) = Parse(migration.Script);
            Assert.Empty(errors);
            var visitor = new Tables();
            fragment.Accept(visitor);
            foreach (var (table, columns) in visitor.Found)
            {
                if (!schema.TryGetValue(table, out var set))
                {
                    schema[table] = set = [];
                }

                set.UnionWith(columns);
            }

            foreach (var (table, column) in visitor.Dropped)
            {
                schema[table].Remove(column);
            }

            foreach (var table in visitor.DroppedTables)
            {
                schema.Remove(table);
            }

            foreach (var (from, to) in visitor.Renamed)
            {
                schema[to] = schema[from];
                schema.Remove(from);
            }
        }

        return schema;
    }

    private sealed class Tables : TSqlFragmentVisitor
    {
        public List<(string Table, IEnumerable<string> Columns)> Found { get; } = [];

        public override void Visit(CreateTableStatement node) =>
            Found.Add((node.SchemaObjectName.BaseIdentifier.Value, node.Definition.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value)));

        public override void Visit(AlterTableAddTableElementStatement node) =>
            Found.Add((node.SchemaObjectName.BaseIdentifier.Value, node.Definition.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value)));

        public List<(string Table, string Column)> Dropped { get; } = [];

        public List<string> DroppedTables { get; } = [];

        public override void Visit(DropTableStatement node) => DroppedTables.AddRange(node.Objects.Select(o => o.BaseIdentifier.Value));

        /// <summary>Tables renamed with sp_rename 'dbo.old', 'new' (a table's rename; columns are renamed with a third argument).</summary>
        public List<(string From, string To)> Renamed { get; } = [];

        public override void Visit(ExecuteStatement node)
        {
            if (node.ExecuteSpecification.ExecutableEntity is ExecutableProcedureReference
                {
                    ProcedureReference.ProcedureReference.Name.BaseIdentifier.Value: "sp_rename",
                } procedure
                && procedure.Parameters is [{ ParameterValue: StringLiteral from }, { ParameterValue: StringLiteral to }])
            {
                Renamed.Add((from.Value.Split('.')[^1], to.Value));
            }
        }

        public override void Visit(AlterTableDropTableElementStatement node) =>
            Dropped.AddRange(node.AlterTableDropTableElements.Where(e => e.TableElementType == TableElementType.Column)
                .Select(e => (node.SchemaObjectName.BaseIdentifier.Value, e.Name.Value)));
    }

    private sealed class Collations(string table, string column) : TSqlFragmentVisitor
    {
        public bool Seen { get; private set; }
        public string? Collation { get; private set; }

        public override void Visit(CreateTableStatement node)
        {
            if (node.SchemaObjectName.BaseIdentifier.Value == table
                && node.Definition.ColumnDefinitions.FirstOrDefault(c => c.ColumnIdentifier.Value == column) is { } c)
            {
                (Seen, Collation) = (true, c.Collation?.Value);
            }
        }

        public override void Visit(AlterTableAlterColumnStatement node)
        {
            if (node.SchemaObjectName.BaseIdentifier.Value == table && node.ColumnIdentifier.Value == column)
            {
                (Seen, Collation) = (true, node.Collation?.Value);
            }
        }
    }

    private sealed class References : TSqlFragmentVisitor
    {
        public HashSet<string> Tables { get; } = [];
        public HashSet<string> Columns { get; } = [];

        public override void Visit(NamedTableReference node)
        {
            if (node.Alias is { } alias)
            {
                Aliases.Add(alias.Value);
            }

            if (node.SchemaObject.SchemaIdentifier?.Value == "sys")
            {
                SystemViews.Add(node.SchemaObject.BaseIdentifier.Value);
            }
            else
            {
                Tables.Add(node.SchemaObject.BaseIdentifier.Value);
            }
        }

        /// <summary>The server's catalogue views (sys.databases for the compatibility level), by name.</summary>
        public HashSet<string> SystemViews { get; } = [];

        /// <summary>UPDATE d ... FROM table AS d names its target by alias.</summary>
        public HashSet<string> Aliases { get; } = [];

        // Columns that OPENJSON ... WITH (...) declares are names the statement itself defines.
        public override void Visit(OpenJsonTableReference node)
        {
            foreach (var column in node.SchemaDeclarationItems)
            {
                Declared.Add(column.ColumnDefinition.ColumnIdentifier.Value);
            }
        }

        public HashSet<string> Declared { get; } = [];

        public override void Visit(ColumnReferenceExpression node)
        {
            if (node.ColumnType == ColumnType.Regular && node.MultiPartIdentifier is { } name)
            {
                Columns.Add(name.Identifiers[^1].Value);
            }
        }
    }
}
