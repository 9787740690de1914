using InfluenceCrm.Api;

if (Cli.IsVerb(args))
{
    return await Cli.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(Composition.Options(args));
builder.AddInfluenceCrm();
var app = builder.Build();
app.UseInfluenceCrm();
try
{
    // Migrate before the host starts, so that an unreachable database is one line, not the host's stack traces.
    // (Under the test host this line is not reached; MigrateOnStart migrates there.)
    await app.Services.GetRequiredService<InfluenceCrm.Platform.Data.Migrator>().MigrateAsync();
    await app.RunAsync();
}
catch (Exception e) when (e is System.Data.Common.DbException or InfluenceCrm.Platform.Data.MigrationFailedException)
{
    // At start (migrations): one line that says what to fix, not a stack trace.
    await Console.Error.WriteLineAsync($"InfluenceCrm cannot start: the database cannot be reached or migrated: {e.Message.Split('\n')[0].Trim()}");
    return 1;
}

return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
