using InfluenceCrm.Platform.Data;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace InfluenceCrm.Tests.Infrastructure;

/// <summary>
/// The schema db/sqlserver ends with, read with ScriptDom statement after statement: each column's type, width and
/// collation; the keys (primary, unique constraints, unique indexes), the other indexes and the foreign keys — what
/// was created, minus what later migrations altered, dropped or renamed.
/// </summary>
internal sealed class SqlServerModel
{
    /// <summary>A column; <see cref="Width"/> is null for MAX and for types without a width.</summary>
    public sealed record Column(string Name, SqlDataTypeOption Type, int? Width, string? Collation)
    {
        public bool IsText => Type is SqlDataTypeOption.NVarChar or SqlDataTypeOption.VarChar or SqlDataTypeOption.NChar or SqlDataTypeOption.Char;
    }

    /// <summary>A primary key, unique constraint or index (<see cref="Unique"/> for the first two and unique indexes).</summary>
    public sealed record Index(string Table, string? Name, IReadOnlyList<string> Columns, bool Unique);

    public sealed record ForeignKey(string Table, string? Name, IReadOnlyList<string> Columns, string References);

    public Dictionary<string, Dictionary<string, Column>> Tables { get; } = new(StringComparer.Ordinal);

    public List<Index> Indexes { get; } = [];

    public List<ForeignKey> ForeignKeys { get; } = [];

    private static readonly Lazy<SqlServerModel> Final = new(() => Read(Migrator.Load(DatabaseProvider.SqlServer).Select(m => m.Script)));

    public static SqlServerModel Load() => Final.Value;

    public static TSqlFragment Parse(string text)
    {
        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(text), out var errors);
        return errors.Count == 0 ? fragment : throw new InvalidOperationException($"T-SQL does not parse: line {errors[0].Line}: {errors[0].Message}");
    }

    public static SqlServerModel Read(IEnumerable<string> scripts)
    {
        var model = new SqlServerModel();
        foreach (var script in scripts)
        {
            foreach (var statement in ((TSqlScript)Parse(script)).Batches.SelectMany(b => b.Statements))
            {
                model.Apply(statement);
            }
        }

        return model;
    }

    private void Apply(TSqlStatement statement)
    {
        switch (statement)
        {
            case CreateTableStatement create:
                var table = Name(create.SchemaObjectName);
                Tables[table] = new Dictionary<string, Column>(StringComparer.Ordinal);
                AddElements(table, create.Definition);
                break;
            case AlterTableAddTableElementStatement add:
                AddElements(Name(add.SchemaObjectName), add.Definition);
                break;
            case AlterTableAlterColumnStatement alter when alter.DataType is not null:
                Tables[Name(alter.SchemaObjectName)][alter.ColumnIdentifier.Value] = ColumnOf(alter.ColumnIdentifier.Value, alter.DataType, alter.Collation);
                break;
            case AlterTableDropTableElementStatement drop:
                var dropped = Name(drop.SchemaObjectName);
                foreach (var element in drop.AlterTableDropTableElements)
                {
                    if (element.TableElementType == TableElementType.Column)
                    {
                        Tables[dropped].Remove(element.Name.Value);
                    }
                    else
                    {
                        Indexes.RemoveAll(i => i.Table == dropped && i.Name == element.Name.Value);
                        ForeignKeys.RemoveAll(f => f.Table == dropped && f.Name == element.Name.Value);
                    }
                }

                break;
            case CreateIndexStatement index:
                Indexes.Add(new Index(Name(index.OnName), index.Name.Value, index.Columns.Select(ColumnName).ToList(), index.Unique));
                break;
            case DropIndexStatement dropIndex:
                foreach (var clause in dropIndex.DropIndexClauses.OfType<DropIndexClause>())
                {
                    Indexes.RemoveAll(i => i.Table == Name(clause.Object) && i.Name == clause.Index.Value);
                }

                break;
            case DropTableStatement dropTable:
                foreach (var name in dropTable.Objects.Select(Name))
                {
                    Tables.Remove(name);
                    Indexes.RemoveAll(i => i.Table == name);
                    ForeignKeys.RemoveAll(f => f.Table == name);
                }

                break;
            case ExecuteStatement
            {
                ExecuteSpecification.ExecutableEntity: ExecutableProcedureReference
                {
                    ProcedureReference.ProcedureReference.Name.BaseIdentifier.Value: "sp_rename",
                    Parameters: [{ ParameterValue: StringLiteral from }, { ParameterValue: StringLiteral to }],
                },
            }:
                Rename(from.Value.Split('.')[^1], to.Value);
                break;
        }
    }

    private void Rename(string from, string to)
    {
        Tables[to] = Tables[from];
        Tables.Remove(from);
        Indexes.AddRange(Indexes.Where(i => i.Table == from).Select(i => i with { Table = to }).ToList());
        Indexes.RemoveAll(i => i.Table == from);
        ForeignKeys.AddRange(ForeignKeys.Where(f => f.Table == from).Select(f => f with { Table = to }).ToList());
        ForeignKeys.RemoveAll(f => f.Table == from);
    }

    private void AddElements(string table, TableDefinition definition)
    {
        foreach (var column in definition.ColumnDefinitions)
        {
            var name = column.ColumnIdentifier.Value;
            if (column.DataType is not null)
            {
                Tables[table][name] = ColumnOf(name, column.DataType, column.Collation);
            }

            foreach (var constraint in column.Constraints)
            {
                AddConstraint(table, constraint, [name]);
            }

            if (column.Index is { } inline)
            {
                Indexes.Add(new Index(table, inline.Name?.Value, [name], inline.Unique));
            }
        }

        foreach (var constraint in definition.TableConstraints)
        {
            AddConstraint(table, constraint, []);
        }

        foreach (var index in definition.Indexes)
        {
            Indexes.Add(new Index(table, index.Name?.Value, index.Columns.Select(ColumnName).ToList(), index.Unique));
        }
    }

    private void AddConstraint(string table, ConstraintDefinition constraint, IReadOnlyList<string> inlineColumns)
    {
        switch (constraint)
        {
            case UniqueConstraintDefinition key:
                var columns = key.Columns.Count > 0 ? key.Columns.Select(ColumnName).ToList() : inlineColumns;
                Indexes.Add(new Index(table, key.ConstraintIdentifier?.Value, columns, Unique: true));
                break;
            case ForeignKeyConstraintDefinition reference:
                var referencing = reference.Columns.Count > 0 ? reference.Columns.Select(c => c.Value).ToList() : inlineColumns;
                ForeignKeys.Add(new ForeignKey(table, reference.ConstraintIdentifier?.Value, referencing, Name(reference.ReferenceTableName)));
                break;
        }
    }

    private static Column ColumnOf(string name, DataTypeReference type, Identifier? collation)
    {
        if (type is not SqlDataTypeReference sql)
        {
            return new Column(name, SqlDataTypeOption.None, null, collation?.Value);
        }

        var sized = sql.SqlDataTypeOption is SqlDataTypeOption.NVarChar or SqlDataTypeOption.VarChar or SqlDataTypeOption.NChar or SqlDataTypeOption.Char
            or SqlDataTypeOption.VarBinary or SqlDataTypeOption.Binary;
        int? width = sized && sql.Parameters is [IntegerLiteral n, ..]
            ? int.Parse(n.Value, System.Globalization.CultureInfo.InvariantCulture)
            : null;
        return new Column(name, sql.SqlDataTypeOption, width, collation?.Value);
    }

    private static string ColumnName(ColumnWithSortOrder column) => column.Column.MultiPartIdentifier.Identifiers[^1].Value;

    private static string Name(SchemaObjectName name) => name.BaseIdentifier.Value;
}
