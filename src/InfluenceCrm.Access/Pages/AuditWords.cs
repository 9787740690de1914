using System.Globalization;
using System.Text.Json;
using InfluenceCrm.Console;
using Microsoft.Extensions.Localization;

namespace InfluenceCrm.Access.Pages;

/// <summary>
/// An audit entry as legal reads it: the action and the kind of record in words (Text/Audit.json), the details one fact per
/// line with their names in words and their values as the console shows them elsewhere: a person by name, a status by its
/// label, a day or a time in the reader's culture and the workspace's clock, yes or no. The log itself keeps codes and ids.
/// </summary>
public static class AuditWords
{
    private static readonly Dictionary<string, string> StatusPrefixes = new(StringComparer.Ordinal)
    {
        ["campaign"] = "CampaignStatus",
        ["contract"] = "ContractStatus",
        ["deliverable"] = "DeliverableStatus",
        ["creator"] = "Stage",
    };

    public static string Action(IStringLocalizer t, string code) => Labels.Of(t, "AuditAction", code);

    public static string Entity(IStringLocalizer t, string entityType) => Labels.Of(t, "AuditEntity", entityType);

    /// <summary>The kinds of record the log names, by their names in the reader's language, sorted as that language sorts (the filter).</summary>
    public static IReadOnlyList<(string Code, string Name)> Entities(IStringLocalizer t) =>
        InfluenceCrm.Platform.Audit.AuditActions.EntityTypes.Select(code => (Code: code, Name: Entity(t, code)))
            .OrderBy(e => e.Name, StringComparer.Create(CultureInfo.CurrentCulture, true)).ToList();

    public static IReadOnlyList<(string Name, string Value)> Details(IStringLocalizer t, string entityType, string? details,
        IReadOnlyDictionary<string, string> named)
    {
        if (string.IsNullOrWhiteSpace(details))
        {
            return [];
        }

        try
        {
            using var json = JsonDocument.Parse(details);
            return json.RootElement.ValueKind == JsonValueKind.Object
                ? json.RootElement.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null)
                    .Select(p => (Name(t, p.Name), Value(t, entityType, p.Name, p.Value, named))).ToList()
                : [(Name(t, "details"), Value(t, entityType, "", json.RootElement, named))];
        }
        catch (JsonException)
        {
            return [(Name(t, "details"), details)];
        }
    }

    private static string Name(IStringLocalizer t, string key)
    {
        var name = t["AuditDetail_" + key];
        return name.ResourceNotFound ? key : name.Value;
    }

    private static string Value(IStringLocalizer t, string entityType, string key, JsonElement value, IReadOnlyDictionary<string, string> named) =>
        value.ValueKind switch
        {
            JsonValueKind.True => t["Yes"],
            JsonValueKind.False => t["No"],
            JsonValueKind.Number => value.TryGetInt64(out var whole)
                ? whole.ToString("N0", CultureInfo.CurrentCulture)
                : value.GetDouble().ToString("N2", CultureInfo.CurrentCulture),
            JsonValueKind.String => Text(t, entityType, key, value.GetString()!, named),
            JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(v => Value(t, entityType, key, v, named))),
            JsonValueKind.Object => string.Join("; ", value.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null)
                .Select(p => $"{Name(t, p.Name)} : {Value(t, entityType, p.Name, p.Value, named)}")),
            _ => "—",
        };

    private static string Text(IStringLocalizer t, string entityType, string key, string text, IReadOnlyDictionary<string, string> named)
    {
        if (named.TryGetValue(text, out var name))
        {
            return name;
        }

        if (key is "from" or "to" or "stage" && StatusPrefixes.TryGetValue(entityType, out var prefix))
        {
            return Labels.Of(t, prefix, text);
        }

        if (key == "role")
        {
            return Labels.Of(t, "Role", text);
        }

        if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return Format.Day(day);
        }

        return text.Length > 10 && text[10] == 'T'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? Format.Time(at)
            : text;
    }
}
