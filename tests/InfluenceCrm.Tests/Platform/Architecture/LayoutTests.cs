using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Platform.Architecture;

/// <summary>
/// The house's layout, read from the repository: a feature is src/InfluenceCrm.&lt;Module&gt;/Features/&lt;Area&gt;/&lt;VerbNoun&gt;.cs in
/// every module, and its tests sit in tests/InfluenceCrm.Tests/&lt;Module&gt;/&lt;Area&gt;/ (or Pages/ for the module's console pages).
/// </summary>
public sealed class LayoutTests
{
    private static readonly string Root = Catalogue.RepositoryRoot();
    private static readonly string TestsRoot = Path.Combine(Root, "tests", "InfluenceCrm.Tests");

    /// <summary>Every module with features: src/InfluenceCrm.&lt;Module&gt;/Features.</summary>
    private static readonly string[] Modules = Directory.GetDirectories(Path.Combine(Root, "src"), "InfluenceCrm.*")
        .Where(d => Directory.Exists(Path.Combine(d, "Features")))
        .Select(d => Path.GetFileName(d)["InfluenceCrm.".Length..])
        .Order(StringComparer.Ordinal)
        .ToArray();

    [Fact]
    public void Every_feature_file_lives_in_an_area_folder_of_its_module()
    {
        Assert.Superset(
            new HashSet<string>(["Access", "Campaigns", "Contracts", "Creators", "Media", "Performance", "UgcRights", "Webhooks"]), Modules.ToHashSet());
        var misplaced = Modules.SelectMany(m => SourceFiles(Path.Combine(Root, "src", $"InfluenceCrm.{m}", "Features"))
                .Where(f => f.Split('/').Length != 2)
                .Select(f => $"{m}/Features/{f}"))
            .ToList();
        Assert.True(misplaced.Count == 0, "Features/<Area>/<VerbNoun>.cs, not: " + string.Join(", ", misplaced));
    }

    [Fact]
    public void Each_module_s_tests_sit_in_the_folders_of_its_areas()
    {
        var wrong = new List<string>();
        foreach (var module in Modules)
        {
            var tests = Path.Combine(TestsRoot, module);
            Assert.True(Directory.Exists(tests), $"tests/InfluenceCrm.Tests/{module}/ is missing");
            var areas = Directory.GetDirectories(Path.Combine(Root, "src", $"InfluenceCrm.{module}", "Features"))
                .Select(d => Path.GetFileName(d)).Append("Pages").ToHashSet(StringComparer.Ordinal);
            wrong.AddRange(Directory.GetDirectories(tests)
                .Where(d => !areas.Contains(Path.GetFileName(d)) && !IsFixtureFolder(d))
                .Select(d => $"{module}/{Path.GetFileName(d)}/ (no area Features/{Path.GetFileName(d)}/)"));
            wrong.AddRange(TestsDirectlyIn(tests).Select(f => $"{module}/{f}"));
        }

        // The platform and the console have no features but the same rule: their tests in folders by area, none loose.
        foreach (var folder in new[] { "Platform", "Console" })
        {
            wrong.AddRange(TestsDirectlyIn(Path.Combine(TestsRoot, folder)).Select(f => $"{folder}/{f}"));
        }

        Assert.True(wrong.Count == 0, "Tests belong in <Module>/<Area>/<Feature>Tests.cs; fixtures may stay in <Module>/: " + string.Join(", ", wrong));
    }

    /// <summary>Test files (any [Fact] or [Theory]) directly in the folder: only fixtures and shared bases may live there.</summary>
    private static IEnumerable<string> TestsDirectlyIn(string folder) =>
        Directory.GetFiles(folder, "*.cs")
            .Where(f => File.ReadLines(f).Select(l => l.TrimStart())
                .Any(l => l.StartsWith("[Fact", StringComparison.Ordinal) || l.StartsWith("[Theory", StringComparison.Ordinal)))
            .Select(f => Path.GetFileName(f));

    /// <summary>A folder without C# files (a node tool's folder, test data) is no area.</summary>
    private static bool IsFixtureFolder(string folder) => !Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).Any();

    /// <summary>The C# files under a folder, relative and with '/', outside bin/ and obj/.</summary>
    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("bin/", StringComparison.Ordinal) && !f.StartsWith("obj/", StringComparison.Ordinal));
}
