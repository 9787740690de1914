using System.Reflection;
using InfluenceCrm.Platform.Data;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace InfluenceCrm.Tests.Infrastructure;

/// <summary>
/// Check-then-insert across statements, found in the source: a method (with its lambdas) that names a catalogue SELECT
/// reading table t before it names a catalogue INSERT into t. The read is the check, and <see cref="LockRule"/> wants
/// its references to t locked on SQL Server. A check made through a helper method of another type is not seen.
/// </summary>
internal static class ChecksBeforeInserts
{
    public sealed record Pair(string Check, string Insert, string Table, Sql CheckSql, string Method);

    /// <summary>Every catalogue entry declared as a static field, with its declaring type's and field's names.</summary>
    public static IReadOnlyList<(string Type, string Field, Sql Sql)> Fields()
    {
        Catalogue.All();
        return Catalogue.Assemblies.SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(f => f.FieldType == typeof(Sql)).Select(f => (Type: t.Name, Field: f.Name, Sql: (Sql)f.GetValue(null)!)))
            .ToList();
    }

    public static IReadOnlyList<Pair> Find()
    {
        var fields = Fields();
        var reads = new Dictionary<Sql, HashSet<string>>();
        var inserts = new Dictionary<Sql, IReadOnlySet<string>>();
        foreach (var sql in fields.Select(f => f.Sql).Distinct().Where(s => s.SqlServer.Length > 0))
        {
            var fragment = SqlServerModel.Parse(sql.SqlServer);
            var statements = ((Microsoft.SqlServer.TransactSql.ScriptDom.TSqlScript)fragment).Batches.SelectMany(b => b.Statements).ToList();
            if (statements.All(s => s is Microsoft.SqlServer.TransactSql.ScriptDom.SelectStatement))
            {
                var tables = new TableNames();
                fragment.Accept(tables);
                reads[sql] = tables.Found;
            }

            inserts[sql] = LockRule.InsertedTables(fragment);
        }

        var byName = fields.ToLookup(f => f.Field);
        var methods = new List<(string File, MemberDeclarationSyntax Member, string Name)>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Catalogue.RepositoryRoot(), "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
        {
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
            methods.AddRange(root.DescendantNodes().OfType<MemberDeclarationSyntax>()
                .Where(m => m is BaseMethodDeclarationSyntax or PropertyDeclarationSyntax)
                .Select(m => (file.Replace('\\', '/'), m, Describe(m))));
        }

        // A call to a method whose name is declared once in src is followed (a check made in a helper, the insert in its caller).
        var unique = methods.GroupBy(m => m.Name).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single());
        var pairs = new List<Pair>();
        foreach (var method in methods)
        {
            var named = Named(method, unique, byName, [method.Name], 0).ToList();
            for (var i = 0; i < named.Count; i++)
            {
                if (!reads.TryGetValue(named[i].Sql, out var read))
                {
                    continue;
                }

                foreach (var later in named.Skip(i + 1))
                {
                    foreach (var table in inserts[later.Sql].Where(read.Contains))
                    {
                        pairs.Add(new Pair(named[i].Name, later.Name, table, named[i].Sql, $"{Path.GetFileName(method.File)}: {method.Name}"));
                    }
                }
            }
        }

        return pairs.DistinctBy(p => (p.Check, p.Insert, p.Table, p.Method)).ToList();
    }

    /// <summary>The catalogue entries a member names, in order, with those of the methods it calls in their place.</summary>
    private static IEnumerable<(string Name, Sql Sql)> Named((string File, MemberDeclarationSyntax Member, string Name) method,
        Dictionary<string, (string File, MemberDeclarationSyntax Member, string Name)> unique, ILookup<string, (string Type, string Field, Sql Sql)> fields,
        HashSet<string> stack, int depth)
    {
        foreach (var identifier in method.Member.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            var resolved = Resolve(identifier, method.File, fields).ToList();
            foreach (var f in resolved)
            {
                yield return ($"{f.Type}.{f.Field}", f.Sql);
            }

            var name = identifier.Identifier.Text;
            var invoked = identifier.Parent is InvocationExpressionSyntax
                || (identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier && access.Parent is InvocationExpressionSyntax);
            if (resolved.Count == 0 && invoked && depth < 3 && unique.TryGetValue(name, out var callee) && stack.Add(name))
            {
                foreach (var inner in Named(callee, unique, fields, stack, depth + 1))
                {
                    yield return inner;
                }

                stack.Remove(name);
            }
        }
    }

    private static IEnumerable<(string Type, string Field, Sql Sql)> Resolve(
        IdentifierNameSyntax identifier, string file, ILookup<string, (string Type, string Field, Sql Sql)> fields)
    {
        var name = identifier.Identifier.Text;
        if (identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier)
        {
            var owner = access.Expression switch
            {
                IdentifierNameSyntax simple => simple.Identifier.Text,
                MemberAccessExpressionSyntax qualified => qualified.Name.Identifier.Text,
                _ => null,
            };
            return fields[name].Where(f => f.Type == owner);
        }

        var enclosing = identifier.Ancestors().OfType<TypeDeclarationSyntax>().Select(t => t.Identifier.Text).ToHashSet();
        return fields[name].Where(f => enclosing.Contains(f.Type) || f.Sql.SourceFile == file).Take(1);
    }

    private static string Describe(MemberDeclarationSyntax member) => member switch
    {
        MethodDeclarationSyntax m => m.Identifier.Text,
        ConstructorDeclarationSyntax c => c.Identifier.Text,
        PropertyDeclarationSyntax p => p.Identifier.Text,
        _ => member.Kind().ToString(),
    };

    private sealed class TableNames : Microsoft.SqlServer.TransactSql.ScriptDom.TSqlFragmentVisitor
    {
        public HashSet<string> Found { get; } = new(StringComparer.OrdinalIgnoreCase);

        public override void Visit(Microsoft.SqlServer.TransactSql.ScriptDom.NamedTableReference node) => Found.Add(node.SchemaObject.BaseIdentifier.Value);
    }
}
