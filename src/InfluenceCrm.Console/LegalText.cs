using System.Globalization;
using System.Text.RegularExpressions;
using InfluenceCrm.Platform;
using Microsoft.Extensions.Localization;

namespace InfluenceCrm.Console;

/// <summary>
/// An answer's legal text in the reader's language, written from its code and values, never from the API's English message:
/// the wording is the string "Legal_{key}" with placeholders ({channel}, {date}), each value shown as its kind is read —
/// codes through their labels, ISO dates and EUR cents in the reader's culture, field paths in words.
/// </summary>
public static partial class LegalText
{
    /// <summary>The text of a key with its values, or <paramref name="fallback"/> (the English message) when no wording exists for the key.</summary>
    public static string Render(IStringLocalizer t, string? key, IReadOnlyDictionary<string, string>? args, string fallback)
    {
        if (key is null || t["Legal_" + key] is not { ResourceNotFound: false } wording)
        {
            return fallback;
        }

        return Placeholder()
            .Replace(wording.Value, m => args is not null && args.TryGetValue(m.Groups[1].Value, out var value) ? Value(t, m.Groups[1].Value, value) : "…");
    }

    /// <summary>A value as its name says it is read.</summary>
    public static string Value(IStringLocalizer t, string name, string value)
    {
        var codes = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return name switch
        {
            "channel" or "channels" => Labels.List(t, "Channel", codes),
            "right" or "rights" => Labels.List(t, "Right", codes),
            "category" => Labels.Of(t, "Category", value),
            "timing" => Labels.Of(t, "Timing", value),
            "language" or "languages" => string.Join(", ", codes.Select(Language)),
            "fields" => string.Join(", ", codes.Select(c => Field(t, c))),
            _ when name.EndsWith("Country", StringComparison.Ordinal) || name is "country" or "law" or "markets" or "territory" or "territories" =>
                Labels.List(t, "Country", codes),
            _ when name.EndsWith("Eur", StringComparison.Ordinal) && long.TryParse(value, CultureInfo.InvariantCulture, out var cents) =>
                Format.Money(new Money(cents, "EUR")),
            _ when (name == "date" || name.EndsWith("On", StringComparison.Ordinal))
                   && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) => Format.Day(day),
            _ => value,
        };
    }

    /// <summary>A language by its ISO 639-1 code, named in the reader's language where .NET knows it.</summary>
    private static string Language(string code)
    {
        try
        {
            var culture = CultureInfo.GetCultureInfo(code);
            return CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? culture.EnglishName : culture.DisplayName;
        }
        catch (CultureNotFoundException)
        {
            return code;
        }
    }

    /// <summary>A field path of the API (usageRights[0].startsOn) in words: each part's label, a row by its number.</summary>
    public static string Field(IStringLocalizer t, string path) =>
        string.Join(" › ", path.Split('.').Select(part =>
        {
            var row = RowIndex().Match(part);
            var name = row.Success ? part[..row.Index] : part;
            var label = t["Field_" + name] is { ResourceNotFound: false } found ? found.Value : name;
            return row.Success ? $"{label} {int.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture) + 1}" : label;
        }));

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\[(\d+)\]$")]
    private static partial Regex RowIndex();
}
