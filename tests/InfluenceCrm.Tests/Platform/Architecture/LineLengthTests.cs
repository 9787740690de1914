using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Platform.Architecture;

/// <summary>
/// Code and comments wrap at 160 characters (.editorconfig's max_line_length, which no analyser enforces): every .cs and
/// .razor line of src/ and tests/. `bash build/wrap-long-lines.sh` wraps the .cs lines and the tags and @code lines of
/// .razor files; what it lists as left (text in markup, one-line raw strings) is wrapped by hand.
/// </summary>
public sealed class LineLengthTests
{
    private const int Limit = 160;

    [Fact]
    public void No_source_line_is_wider_than_160_characters()
    {
        var root = Catalogue.RepositoryRoot();
        var wide = new List<string>();
        foreach (var folder in new[] { "src", "tests" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, folder), "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            {
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    if (lines[i].Length > Limit)
                    {
                        wide.Add($"{Path.GetRelativePath(root, file)}:{i + 1} ({lines[i].Length})");
                    }
                }
            }
        }

        Assert.True(wide.Count == 0, $"{wide.Count} lines over {Limit} characters (bash build/wrap-long-lines.sh):\n" + string.Join("\n", wide.Take(200)));
    }
}
