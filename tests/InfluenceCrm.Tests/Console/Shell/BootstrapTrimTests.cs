using System.Text.RegularExpressions;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Console;

/// <summary>
/// The console serves only the Bootstrap rules its sources use (wwwroot/lib/bootstrap/bootstrap.trimmed.css, written by
/// build/trim-bootstrap.py from Styles/bootstrap.min.css). A Bootstrap class a page starts using must be in the trimmed file,
/// or the page would be unstyled in silence: run the script and commit its output.
/// </summary>
public sealed partial class BootstrapTrimTests
{
    [Fact]
    public void Every_Bootstrap_class_the_sources_name_is_in_the_trimmed_stylesheet()
    {
        var root = Catalogue.RepositoryRoot();
        var console = Path.Combine(root, "src", "InfluenceCrm.Console");
        var bootstrap = Classes(File.ReadAllText(Path.Combine(console, "Styles", "bootstrap.min.css")));
        var trimmed = Classes(File.ReadAllText(Path.Combine(console, "wwwroot", "lib", "bootstrap", "bootstrap.trimmed.css")));
        var skipped = new[] { "lib", "obj", "bin", "Styles" }.Select(d => $"{Path.DirectorySeparatorChar}{d}{Path.DirectorySeparatorChar}").ToArray();
        var words = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !skipped.Any(d => f.Contains(d, StringComparison.Ordinal)))
            .SelectMany(f => Word().Matches(File.ReadAllText(f)).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);

        // Only classes that stand alone in their rule's selector: a class used with another the sources do not name stays out.
        var missing = bootstrap.Where(words.Contains).Where(c => !trimmed.Contains(c)).Where(c => Alone(c)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0,
            $"Bootstrap classes used but not in bootstrap.trimmed.css (python3 build/trim-bootstrap.py): {string.Join(", ", missing)}");
        Assert.Contains("btn-primary", trimmed);
        Assert.DoesNotContain("accordion-button", trimmed);
    }

    // Rules such as `.btn-group>.btn` need both classes; a class appearing only in such compound selectors is not required.
    private static bool Alone(string c) => Standalone.Value.Contains(c);

    private static readonly Lazy<HashSet<string>> Standalone = new(() =>
    {
        var css = File.ReadAllText(Path.Combine(Catalogue.RepositoryRoot(), "src", "InfluenceCrm.Console", "Styles", "bootstrap.min.css"));
        return SoleClass().Matches(css).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
    });

    private static HashSet<string> Classes(string css) => ClassName().Matches(css).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\.(-?[_a-zA-Z][\w-]*)")]
    private static partial Regex ClassName();

    // A selector that is one class, maybe with pseudo-classes: `.btn-primary{`, `.btn-primary:hover,`.
    [GeneratedRegex(@"(?:^|[},])\.(-?[_a-zA-Z][\w-]*)(?::[\w-]+(?:\([^)]*\))?)*[{,]")]
    private static partial Regex SoleClass();

    [GeneratedRegex(@"[A-Za-z0-9_-]+")]
    private static partial Regex Word();
}
