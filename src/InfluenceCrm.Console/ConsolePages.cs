using System.Reflection;

namespace InfluenceCrm.Console;

/// <summary>
/// The assemblies whose Pages folders hold console pages, as the host gives them: the console knows no business module
/// (they reference it for its components and strings, so it cannot reference them).
/// </summary>
public sealed class ConsolePages(IReadOnlyList<Assembly> assemblies)
{
    public IReadOnlyList<Assembly> Assemblies { get; } = assemblies;
}
