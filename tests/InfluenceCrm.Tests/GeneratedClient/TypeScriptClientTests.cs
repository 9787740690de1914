using System.Diagnostics;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.GeneratedClient;

/// <summary>
/// Proof from outside, in the other language integrations use most: openapi-typescript turns the document this build
/// serves into types, `tsc --strict` checks typescript/scenario.ts against them (the README's minimal bodies sent with
/// openapi-fetch), and node runs it against the real server. The npm packages are installed by `npm ci` in that folder
/// (.ci/run does it); without them the test is skipped, except under CI=true, where it fails.
/// </summary>
public sealed class TypeScriptClientTests(TypeScriptClientTests.RealServerFixture api) : IClassFixture<TypeScriptClientTests.RealServerFixture>
{
    public sealed class RealServerFixture : SqliteApiFixture
    {
        protected override bool RealServer => true; // node calls it over a real socket
    }

    private static readonly string Folder = Path.Combine(Catalogue.RepositoryRoot(), "tests", "InfluenceCrm.Tests", "GeneratedClient", "typescript");

    [Fact]
    public async Task A_client_generated_by_openapi_typescript_sends_the_readmes_minimal_bodies()
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules")))
        {
            var reason = $"The npm packages are not installed: run `npm ci` in {Folder} (.ci/run does).";
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", reason);
            Assert.Skip(reason);
        }

        await File.WriteAllTextAsync(Path.Combine(Folder, "openapi.json"), await api.Anonymous().GetStringAsync("/openapi/v1.json"));
        await RunAsync("npx", "--no", "--", "openapi-typescript", "openapi.json", "--output", "schema.d.ts");
        await RunAsync("npx", "--no", "--", "tsc", "--strict", "--project", "tsconfig.json"); // type-checks, then writes out/scenario.js
        var output = await RunAsync("node", Path.Combine("out", "scenario.js"), api.BaseAddress.ToString().TrimEnd('/'), api.Key("admin"));
        Assert.Equal("done", output.Trim());
    }

    private static async Task<string> RunAsync(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        var shown = string.Join('\n', (await output + await errors).Split('\n').Take(80)); // tsc writes its errors to stdout
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', arguments.Where(a => a != "--").Take(2))} exited {process.ExitCode}:\n{shown}");
        return await output;
    }
}
