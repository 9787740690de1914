using System.Diagnostics;
using Dapper;
using InfluenceCrm.Access;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Access.Members;

/// <summary>The CLI's <c>users create</c> sends the AddMember request as the operator: the same rules, and an audit entry by "cli".</summary>
public sealed class AddMemberTests : IDisposable
{
    private readonly SqliteFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task The_cli_creates_the_first_admin_through_the_request_and_the_log_names_the_operator()
    {
        var db = await files.MigratedAsync("cli");
        var environment = new Dictionary<string, string> { ["ConnectionStrings__InfluenceCrm"] = db.ConnectionString };
        Assert.Equal(0, (await RunApi(environment, null, "workspaces", "create", "acme-beauty")).Code);

        var tooShort = await RunApi(environment, "short", "users", "create", "--workspace", "acme-beauty", "--email", "camille@acme.example",
            "--role", "admin");
        Assert.Equal(1, tooShort.Code);
        var common = await RunApi(environment, "password1234", "users", "create", "--workspace", "acme-beauty", "--email", "camille@acme.example",
            "--role", "admin");
        Assert.Equal(1, common.Code);
        Assert.Contains("most common", common.Output, StringComparison.Ordinal);
        var named = await RunApi(environment, "camille's own password", "users", "create", "--workspace", "acme-beauty", "--email", "camille@acme.example",
            "--role", "admin");
        Assert.Equal(1, named.Code);
        Assert.Contains("e-mail address", named.Output, StringComparison.Ordinal);
        var created = await RunApi(environment, "a long passphrase here", "users", "create", "--workspace", "acme-beauty", "--email", "Camille@Acme.example",
            "--role", "admin", "--name", "Camille");
        Assert.True(created.Code == 0, created.Output);

        var people = new People(db, TimeProvider.System);
        var (outcome, person) = await people.CheckPasswordAsync("camille@acme.example", "a long passphrase here", TestContext.Current.CancellationToken);
        Assert.Equal(People.SignInOutcome.Succeeded, outcome);
        await using var c = await db.OpenAsync(TestContext.Current.CancellationToken);
        const string Sql = "SELECT action, actor FROM platform_audit_log WHERE entity_id = @Id";
        var audit = (await c.QueryAsync<(string Action, string Actor)>(Sql, new { person!.Id })).ToList();
        Assert.Equal([("person.added", "cli")], audit);
    }

    private static async Task<(int Code, string Output)> RunApi(Dictionary<string, string> environment, string? input, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (k, v) in environment)
        {
            start.Environment[k] = v;
        }

        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await error);
    }
}
