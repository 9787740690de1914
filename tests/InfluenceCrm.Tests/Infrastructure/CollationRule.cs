using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace InfluenceCrm.Tests.Infrastructure;

/// <summary>
/// Msg 468 without a server: two text columns compared with each other must have the same collation, unless one side
/// names its own (COLLATE). A column's collation is the one its table declares (<see cref="SqlServerModel"/>) or, for an
/// OPENJSON column, the one its WITH clause declares — none is the database's default. Columns are followed through
/// derived tables, common table expressions, MERGE sources and IN (SELECT …) subqueries to where they come from.
/// </summary>
internal sealed class CollationRule(SqlServerModel model)
{
    /// <summary>Where a compared value comes from: a text column, with its collation (null: the database's default).</summary>
    private sealed record Origin(string Description, string? Collation, bool Explicit);

    public IReadOnlyList<string> Check(string text)
    {
        var failures = new List<string>();
        foreach (var statement in ((TSqlScript)SqlServerModel.Parse(text)).Batches.SelectMany(b => b.Statements))
        {
            var ctes = new Ctes();
            statement.Accept(ctes); // first: a query names a common table expression before the visitor would reach it
            var sources = new Sources(ctes.Found);
            statement.Accept(sources);
            foreach (var (left, right) in sources.Pairs)
            {
                foreach (var a in Resolve(sources, left, null, 0))
                {
                    foreach (var b in Resolve(sources, right, null, 0))
                    {
                        if (!a.Explicit && !b.Explicit && !string.Equals(a.Collation, b.Collation, StringComparison.OrdinalIgnoreCase))
                        {
                            failures.Add($"{a.Description} ({a.Collation ?? "default collation"}) compared with "
                                + $"{b.Description} ({b.Collation ?? "default collation"})");
                        }
                    }
                }
            }
        }

        return failures.Distinct().ToList();
    }

    private IEnumerable<Origin> Resolve(Sources sources, ScalarExpression? expression, QuerySpecification? scope, int depth)
    {
        if (expression is null || depth > 20)
        {
            return [];
        }

        switch (expression)
        {
            case PrimaryExpression { Collation: { } collation }:
                return [new Origin("COLLATE", collation.Value, Explicit: true)];
            case ParenthesisExpression parenthesis:
                return Resolve(sources, parenthesis.Expression, scope, depth + 1);
            case ScalarSubquery subquery:
                return Selected(sources, subquery.QueryExpression, null, depth + 1);
            case ColumnReferenceExpression { ColumnType: ColumnType.Regular, MultiPartIdentifier.Identifiers: var parts }:
                var column = parts[^1].Value;
                var aliases = parts.Count > 1 ? [parts[^2].Value] : scope is null ? sources.All.Keys.ToList() : sources.InScope(scope);
                return aliases.Where(sources.All.ContainsKey).SelectMany(alias => FromSource(sources, alias, sources.All[alias], column, depth + 1)).ToList();
            default:
                return [];
        }
    }

    private IEnumerable<Origin> FromSource(Sources sources, string alias, object source, string column, int depth) => source switch
    {
        string table when model.Tables.TryGetValue(table, out var columns) && columns.TryGetValue(column, out var c) && c.IsText =>
            [new Origin($"{table}.{column}", c.Collation, Explicit: false)],
        OpenJsonTableReference json when json.SchemaDeclarationItems.Count == 0 && column == "value" =>
            [new Origin($"OPENJSON {alias}.value", null, Explicit: false)],
        OpenJsonTableReference json => json.SchemaDeclarationItems.Select(i => i.ColumnDefinition)
            .Where(d => d.ColumnIdentifier.Value == column && d.DataType is SqlDataTypeReference
            {
                SqlDataTypeOption: SqlDataTypeOption.NVarChar or SqlDataTypeOption.VarChar or SqlDataTypeOption.NChar or SqlDataTypeOption.Char,
            })
            .Select(d => new Origin($"OPENJSON {alias}.{column}", d.Collation?.Value, Explicit: false)).ToList(),
        QueryExpression query => Selected(sources, query, column, depth),
        _ => [],
    };

    /// <summary>What a query yields under <paramref name="column"/> (null: its first column, as IN (SELECT …) compares).</summary>
    private IEnumerable<Origin> Selected(Sources sources, QueryExpression query, string? column, int depth)
    {
        while (query is not QuerySpecification)
        {
            query = query switch
            {
                QueryParenthesisExpression p => p.QueryExpression,
                BinaryQueryExpression b => b.FirstQueryExpression,
                _ => null!,
            };
            if (query is null)
            {
                return [];
            }
        }

        var specification = (QuerySpecification)query;
        var elements = specification.SelectElements;
        if (column is null)
        {
            return elements is [SelectScalarExpression only, ..] ? Resolve(sources, only.Expression, specification, depth) : [];
        }

        foreach (var element in elements)
        {
            switch (element)
            {
                case SelectScalarExpression { ColumnName.Value: var name } named when name == column:
                    return Resolve(sources, named.Expression, specification, depth);
                case SelectScalarExpression { ColumnName: null, Expression: ColumnReferenceExpression reference }
                    when reference.MultiPartIdentifier.Identifiers[^1].Value == column:
                    return Resolve(sources, reference, specification, depth);
                case SelectStarExpression:
                    return Resolve(sources, new ColumnReferenceExpression
                    {
                        ColumnType = ColumnType.Regular,
                        MultiPartIdentifier = new MultiPartIdentifier { Identifiers = { new Identifier { Value = column } } },
                    }, specification, depth);
            }
        }

        return [];
    }

    /// <summary>A statement's row sources by alias (a table's name, an OPENJSON, a derived query) and its comparisons.</summary>
    private sealed class Ctes : TSqlFragmentVisitor
    {
        public Dictionary<string, QueryExpression> Found { get; } = new(StringComparer.OrdinalIgnoreCase);

        public override void Visit(CommonTableExpression node) => Found[node.ExpressionName.Value] = node.QueryExpression;
    }

    private sealed class Sources(Dictionary<string, QueryExpression> ctes) : TSqlFragmentVisitor
    {
        private readonly Dictionary<QuerySpecification, List<string>> scopes = [];

        public Dictionary<string, object> All { get; } = new(StringComparer.OrdinalIgnoreCase);

        public List<(ScalarExpression Left, ScalarExpression Right)> Pairs { get; } = [];

        public List<string> InScope(QuerySpecification specification) => scopes.TryGetValue(specification, out var aliases) ? aliases : [];

        public override void Visit(QuerySpecification node)
        {
            var aliases = new List<string>();
            foreach (var reference in node.FromClause?.TableReferences ?? [])
            {
                reference.Accept(new Aliases(aliases));
            }

            scopes[node] = aliases;
        }

        public override void Visit(NamedTableReference node)
        {
            var name = node.SchemaObject.BaseIdentifier.Value;
            All[node.Alias?.Value ?? name] = ctes.TryGetValue(name, out var cte) ? cte : name;
        }

        public override void Visit(OpenJsonTableReference node) => All[node.Alias?.Value ?? "OPENJSON"] = node;

        public override void Visit(QueryDerivedTable node) => All[node.Alias?.Value ?? ""] = node.QueryExpression;

        public override void Visit(MergeSpecification node)
        {
            if (node.TableAlias is { } alias && node.Target is NamedTableReference target)
            {
                All[alias.Value] = target.SchemaObject.BaseIdentifier.Value;
            }
        }

        public override void Visit(BooleanComparisonExpression node) => Pairs.Add((node.FirstExpression, node.SecondExpression));

        public override void Visit(InPredicate node)
        {
            if (node.Subquery is { } subquery)
            {
                Pairs.Add((node.Expression, subquery));
            }

            foreach (var value in node.Values)
            {
                Pairs.Add((node.Expression, value));
            }
        }

        private sealed class Aliases(List<string> found) : TSqlFragmentVisitor
        {
            public override void Visit(NamedTableReference node) => found.Add(node.Alias?.Value ?? node.SchemaObject.BaseIdentifier.Value);

            public override void Visit(OpenJsonTableReference node) => found.Add(node.Alias?.Value ?? "OPENJSON");

            public override void Visit(QueryDerivedTable node) => found.Add(node.Alias?.Value ?? "");

            public override void ExplicitVisit(QueryDerivedTable node) => Visit(node); // its own FROM is another scope
        }
    }
}
