using System.Net.Http.Headers;
using InfluenceCrm.Access;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InfluenceCrm.Tests.Infrastructure;

/// <summary>
/// The real API over real HTTP (in-process test server) on a real, fresh database per test class, with a key for
/// every role in workspace "main" and an admin key in workspace "other" (for cross-workspace checks).
/// </summary>
public abstract class ApiFixture : IAsyncLifetime
{
    private readonly Dictionary<string, string> keys = [];
    private WebApplicationFactory<Program>? factory;

    public string? SkipReason { get; private set; }

    public abstract DatabaseProvider Provider { get; }

    public Db Db => Services.GetRequiredService<Db>();

    public IServiceProvider Services => Started.Services;

    public string MainWorkspaceId { get; private set; } = "";

    public string ConnectionString { get; private set; } = "";

    /// <summary>Stops the app gracefully (hosted services drain) and keeps the database for inspection.</summary>
    public async Task StopAppAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
            factory = null;
        }
    }

    /// <summary>Services the test adds to the app (an in-memory telemetry exporter, say).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Serve over Kestrel on a free port instead of the in-process test server (browser tests).</summary>
    protected virtual bool RealServer => false;

    /// <summary>The address the real server listens on (only with <see cref="RealServer"/>).</summary>
    public Uri BaseAddress => new(Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
        .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Extra configuration for the app under test (rate limits and the like).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    private WebApplicationFactory<Program> Started
    {
        get
        {
            if (SkipReason is not null)
            {
                Assert.Skip(SkipReason);
            }

            return factory ?? throw new InvalidOperationException("The app was stopped.");
        }
    }

    /// <returns>The connection string of a fresh, empty database, or null with <see cref="SkipReason"/> set.</returns>
    protected abstract Task<string?> CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    protected void Unavailable(string reason) => SkipReason = reason;

    public async ValueTask InitializeAsync()
    {
        var connectionString = await CreateDatabaseAsync();
        if (connectionString is null)
        {
            return;
        }

        var settings = new Dictionary<string, string?>(Settings)
        {
            ["Database:Provider"] = Provider.ToString(),
            ["ConnectionStrings:InfluenceCrm"] = connectionString,
        };
        ConnectionString = connectionString;
        factory = new ApiFactory(settings, ConfigureServices);
        if (RealServer)
        {
            factory.UseKestrel(0); // a real socket on a free port, for a real browser
            factory.StartServer();
        }
        else
        {
            _ = factory.Server; // starts the host: migrations run here
        }

        if (Provider == DatabaseProvider.Sqlite)
        {
            SqlServerWidths.Install(connectionString); // every SQLite test also checks SQL Server's column widths
        }

        var store = factory.Services.GetRequiredService<AccessStore>();
        var main = await store.CreateWorkspaceAsync("main", "Main brand");
        var other = await store.CreateWorkspaceAsync("other", "Other brand");
        MainWorkspaceId = main.Id;
        foreach (var role in Roles.All)
        {
            keys[role] = (await store.CreateKeyAsync(main.Id, role, $"{role} test key")).Plaintext;
        }

        keys["other:admin"] = (await store.CreateKeyAsync(other.Id, Roles.Admin, "other admin")).Plaintext;
    }

    public async ValueTask DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        if (SkipReason is null)
        {
            await DropDatabaseAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>A client with the key of <paramref name="role"/> in workspace "main".</summary>
    public HttpClient Client(string role = Roles.Admin) => WithKey(Key(role));

    /// <summary>A client of workspace "other": ids of "main" must look absent to it.</summary>
    public HttpClient OtherWorkspace() => WithKey(Key("other:admin"));

    /// <summary>The plaintext key of a role in "main" (or "other:admin").</summary>
    public string Key(string role)
    {
        _ = Started; // skips the test when this engine is not available
        return keys[role];
    }

    public HttpClient Anonymous() => Started.CreateClient();

    /// <summary>The in-process server, for requests that need what a client cannot set (the connection's remote address).</summary>
    public Microsoft.AspNetCore.TestHost.TestServer Server => Started.Server;

    /// <summary>An anonymous client that shows redirects instead of following them.</summary>
    public HttpClient Visitor() => RealServer
        ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress }
        : Started.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public HttpClient WithKey(string key)
    {
        var client = Started.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private sealed class ApiFactory(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection> services) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseStaticWebAssets(); // the console's files (Blazor's script, our stylesheet) as a development host finds them
            builder.ConfigureServices(services);
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}

/// <summary>A fresh SQLite file (WAL) per test class: the embedded default, always available.</summary>
public class SqliteApiFixture : ApiFixture
{
    private readonly SqliteTestDatabase database = new();

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<string?> CreateDatabaseAsync() => database.CreateAsync(Unavailable);

    protected override Task DropDatabaseAsync() => database.DropAsync();
}

/// <summary>
/// A fresh SQL Server database per test class, on the server named by INFLUENCECRM_TEST_SQLSERVER or on one
/// Testcontainers starts (one container per test run). Where neither answers, the tests report skipped with why.
/// </summary>
public class SqlServerApiFixture : ApiFixture
{
    private readonly SqlServerTestDatabase database = new();

    public override DatabaseProvider Provider => DatabaseProvider.SqlServer;

    protected override Task<string?> CreateDatabaseAsync() => database.CreateAsync(Unavailable);

    protected override Task DropDatabaseAsync() => database.DropAsync();
}

internal static class SqlServerInstance
{
    public const string Variable = "INFLUENCECRM_TEST_SQLSERVER";

    /// <summary>A tag, never a floating one: 2022-latest has crashed on recent kernels, and a run must be repeatable.</summary>
    public const string Image = "mcr.microsoft.com/mssql/server:2022-CU14-ubuntu-22.04";

    /// <summary>Why the SQL Server leg must run here (GITHUB_ACTIONS or INFLUENCECRM_REQUIRE_SQLSERVER set), or null.</summary>
    public static string? Required =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("INFLUENCECRM_REQUIRE_SQLSERVER")) ? "INFLUENCECRM_REQUIRE_SQLSERVER is set"
        : !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GITHUB_ACTIONS")) ? "GITHUB_ACTIONS is set"
        : null;

    public static readonly Lazy<Task<(string? ConnectionString, string? Reason)>> Shared = new(StartAsync);

    private static async Task<(string?, string?)> StartAsync()
    {
        var given = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            return (given, null);
        }

        try
        {
            var container = new Testcontainers.MsSql.MsSqlBuilder(Image).Build();
            await container.StartAsync();
            // Disposed by Testcontainers' resource reaper when the test process ends.
            return (container.GetConnectionString(), null);
        }
        catch (Exception e)
        {
            return (null, $"SQL Server leg skipped: no Docker engine answered and {Variable} is not set ({e.GetType().Name}: {e.Message.Split('\n')[0]})");
        }
    }
}
