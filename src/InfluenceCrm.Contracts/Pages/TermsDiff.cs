using System.Text.Json;
using System.Text.Json.Nodes;

namespace InfluenceCrm.Contracts.Pages;

/// <summary>What changed between two versions of a contract's terms: each field (as a path such as remuneration.fee.amount) whose value differs.</summary>
internal static class TermsDiff
{
    public sealed record Change(string Field, string? Before, string? After);

    public static IReadOnlyList<Change> Between(ContractTerms? before, ContractTerms after)
    {
        var old = Flatten(before);
        var @new = Flatten(after);
        return old.Keys.Union(@new.Keys).Order(StringComparer.Ordinal)
            .Where(k => old.GetValueOrDefault(k) != @new.GetValueOrDefault(k))
            .Select(k => new Change(k, old.GetValueOrDefault(k), @new.GetValueOrDefault(k)))
            .ToList();
    }

    private static Dictionary<string, string> Flatten(ContractTerms? terms)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (terms is not null)
        {
            Walk(JsonSerializer.SerializeToNode(terms, JsonSerializerOptions.Web), "", fields);
        }

        return fields;
    }

    private static void Walk(JsonNode? node, string path, Dictionary<string, string> fields)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    Walk(value, path.Length == 0 ? key : $"{path}.{key}", fields);
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    Walk(a[i], $"{path}[{i}]", fields);
                }

                break;
            case JsonValue v:
                fields[path] = v.ToString();
                break;
        }
    }
}
