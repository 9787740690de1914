using System.Globalization;
using System.Resources;
using Microsoft.Extensions.Localization;

namespace InfluenceCrm.Console;

/// <summary>
/// The console's strings, French and English (ConsoleText.resx, ConsoleText.fr.resx, written by build/console-text.py from
/// Text/&lt;Module&gt;.json): the type names the resources for <c>IStringLocalizer&lt;ConsoleText&gt;</c>.
/// </summary>
public sealed class ConsoleText
{
    internal static readonly ResourceManager Strings = new(typeof(ConsoleText));

    private ConsoleText()
    {
    }

    /// <summary>The same strings in one given culture, whatever the request's (the release form speaks the language its link asks for).</summary>
    public static IStringLocalizer In(CultureInfo culture) => new FixedCulture(culture);

    private sealed class FixedCulture(CultureInfo culture) : IStringLocalizer
    {
        public LocalizedString this[string name] =>
            Strings.GetString(name, culture) is { } value ? new LocalizedString(name, value) : new LocalizedString(name, name, resourceNotFound: true);

        public LocalizedString this[string name, params object[] arguments] => this[name] is { ResourceNotFound: false } format
            ? new LocalizedString(name, string.Format(culture, format.Value, arguments))
            : new LocalizedString(name, name, resourceNotFound: true);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
            Strings.GetResourceSet(culture, createIfNotExists: true, tryParents: includeParentCultures)?.Cast<System.Collections.DictionaryEntry>()
                .Select(e => new LocalizedString((string)e.Key, (string)e.Value!)) ?? [];
    }
}
