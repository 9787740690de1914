using System.Globalization;
using Microsoft.Extensions.Localization;

namespace InfluenceCrm.Console;

/// <summary>Vocabulary codes as people read them: never a raw code on a page (paid_social, FR, public_display).</summary>
public static class Labels
{
    private static System.Resources.ResourceManager Strings => ConsoleText.Strings;

    /// <summary>A country's name in a given language, outside a request (the public release form chooses its own language).</summary>
    public static string Country(string code, CultureInfo culture) =>
        Strings.GetString("Country_" + code, culture) ?? (TryRegion(code, culture) ?? code);

    /// <summary>
    /// The name ICU gives the country in the culture's language (every ISO country, so a French page's list is all French);
    /// RegionInfo.DisplayName follows the current UI culture, and the English name stands in where ICU has none.
    /// </summary>
    private static string? TryRegion(string code, CultureInfo? culture = null)
    {
        try
        {
            var region = new RegionInfo(code);
            var language = (culture ?? CultureInfo.CurrentUICulture).TwoLetterISOLanguageName;
            if (language == "en")
            {
                return region.EnglishName;
            }

            return CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == language ? region.DisplayName : region.EnglishName;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The label of a code under its prefix ("Channel_paid_social"), else the code with spaces (a code added before its label).</summary>
    public static string Of(IStringLocalizer t, string prefix, string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return "—";
        }

        var label = t[prefix + "_" + code];
        return label.ResourceNotFound ? code.Replace('_', ' ') : label.Value;
    }

    /// <summary>Every ISO country with its name in the reader's language, sorted as that language sorts (for selects).</summary>
    public static IReadOnlyList<(string Code, string Name)> Countries(IStringLocalizer t) =>
        InfluenceCrm.Platform.Vocabulary.Countries.Select(c => (Code: c, Name: Country(t, c)))
            .OrderBy(c => c.Name, StringComparer.Create(CultureInfo.CurrentCulture, true)).ToList();

    public static string List(IStringLocalizer t, string prefix, IEnumerable<string>? codes) =>
        codes is null ? "—" : string.Join(", ", codes.Select(c => prefix == "Country" ? Country(t, c) : Of(t, prefix, c)));

    /// <summary>A country by its ISO code: our own French and English names for the markets we serve, else the English name .NET knows.</summary>
    public static string Country(IStringLocalizer t, string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return "—";
        }

        var label = t["Country_" + code];
        if (!label.ResourceNotFound)
        {
            return label.Value;
        }

        return TryRegion(code) ?? code;
    }
}
