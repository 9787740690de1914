using System.Security.Claims;
using InfluenceCrm.Access;
using InfluenceCrm.Access.Features;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Mediation;
using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.Api;

using Console = System.Console; // InfluenceCrm.Console is the console library's namespace

/// <summary>
/// Verbs of the API program, for operators (same configuration as the server). Keys and people are made by the same
/// requests as the API's and the console's (CreateApiKey, AddMember), sent as the operator: audited with the actor "cli".
///   migrate
///   workspaces create &lt;slug&gt; [--name N]
///   apikeys create --workspace &lt;slug&gt; --role &lt;role&gt; [--name N]   (the key alone on the last line)
///   users create --workspace &lt;slug&gt; --email &lt;address&gt; --role &lt;role&gt; [--name N]   (the password read from standard input)
/// </summary>
internal static class Cli
{
    private const string Usage = """
        Usage:
          migrate
          workspaces create <slug> [--name <name>]
          apikeys create --workspace <slug> --role <admin|brand|legal|integration|viewer> [--name <name>]
          users create --workspace <slug> --email <address> --role <admin|brand|legal|integration|viewer> [--name <name>]
            (reads the password from standard input: a terminal asks for it, a script pipes it)
        """;

    public static bool IsVerb(string[] args) => args.Length > 0 && args[0] is "migrate" or "workspaces" or "apikeys" or "users";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.AddPlatformCore(builder.Configuration).AddAccessCore();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<Caller>();
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddMediatorFrom(typeof(PlatformServices).Assembly, typeof(AccessModule).Assembly);
        using var host = builder.Build();
        var services = host.Services;
        try
        {
            await services.GetRequiredService<Migrator>().MigrateAsync();
            return args switch
            {
                ["migrate"] => Done("Database is up to date."),
                ["workspaces", "create", var slug, .. var rest] => await CreateWorkspaceAsync(services, slug, Option(rest, "--name") ?? slug),
                ["apikeys", "create", .. var rest] => await CreateKeyAsync(services, rest),
                ["users", "create", .. var rest] => await CreateUserAsync(services, rest),
                _ => Fail(Usage),
            };
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or MigrationFailedException)
        {
            return Fail(e.Message);
        }
        catch (FluentValidation.ValidationException e)
        {
            return Fail(string.Join(Environment.NewLine, e.Errors.Select(f => f.ErrorMessage)));
        }
        catch (System.Data.Common.DbException e)
        {
            return Fail($"The database ({services.GetRequiredService<Db>().Provider}) cannot be reached or refused the request: {e.Message.Split('\n')[0].Trim()}");
        }
    }

    private static async Task<int> CreateWorkspaceAsync(IServiceProvider services, string slug, string name)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(slug, "^[a-z0-9][a-z0-9-]{1,62}$"))
        {
            return Fail("A slug is 2-63 lower-case letters, digits or dashes, e.g. acme-beauty.");
        }

        var workspace = await services.GetRequiredService<AccessStore>().CreateWorkspaceAsync(slug, name);
        Console.WriteLine($"Created workspace {workspace.Slug} ({workspace.Id}).");
        return 0;
    }

    /// <summary>Creates a person who signs in to the console, or adds a workspace to one that exists (and sets the password given).</summary>
    private static async Task<int> CreateUserAsync(IServiceProvider services, string[] options)
    {
        var (slug, email, role) = (Option(options, "--workspace"), Option(options, "--email"), Option(options, "--role"));
        if (slug is null || email is null || role is null)
        {
            return Fail(Usage);
        }

        if (!email.Contains('@', StringComparison.Ordinal) || email.Length > 320)
        {
            return Fail($"'{email}' is not an e-mail address.");
        }

        var workspace = await services.GetRequiredService<AccessStore>().FindWorkspaceAsync(slug);
        if (workspace is null)
        {
            return Fail($"No workspace '{slug}'. Create it with: workspaces create {slug}");
        }

        if (!Console.IsInputRedirected)
        {
            Console.Error.Write($"Password (at least {PasswordPolicy.MinLength} characters, not a common one, not your address or name): ");
        }

        var password = Console.IsInputRedirected ? Console.In.ReadLine() : ReadHidden();
        if (string.IsNullOrEmpty(password))
        {
            return Fail("A password is needed (read from standard input).");
        }

        var member = await SendAsync(services, workspace.Id, new AddMember.Request(email, Option(options, "--name"), password, role));
        Console.WriteLine($"{member.Email} ({member.PersonId}) is {member.Role} of {workspace.Slug}; sign in at / with this address.");
        return 0;
    }

    private static string ReadHidden()
    {
        var text = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace && text.Length > 0)
            {
                text.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return text.ToString();
    }

    private static async Task<int> CreateKeyAsync(IServiceProvider services, string[] options)
    {
        var slug = Option(options, "--workspace");
        var role = Option(options, "--role");
        if (slug is null || role is null)
        {
            return Fail(Usage);
        }

        var store = services.GetRequiredService<AccessStore>();
        var workspace = await store.FindWorkspaceAsync(slug);
        if (workspace is null)
        {
            return Fail($"No workspace '{slug}'. Create it with: workspaces create {slug}");
        }

        var created = await SendAsync(services, workspace.Id, new CreateApiKey.Request(role, Option(options, "--name") ?? $"{role} key"));
        Console.WriteLine($"Created API key {created.ApiKey.Id} (role {role}) for workspace {slug}. It is shown once; store it now:");
        Console.WriteLine(created.Key);
        return 0;
    }

    /// <summary>Sends a feature's request as the operator: an admin of the workspace named "cli" in the audit log.</summary>
    private static async Task<T> SendAsync<T>(IServiceProvider services, string workspaceId, IRequest<T> request)
    {
        using var scope = services.CreateScope();
        var operatorIdentity = new ClaimsIdentity(
            [
                new Claim(ApiKeyAuthentication.WorkspaceClaim, workspaceId), new Claim(ApiKeyAuthentication.KeyClaim, "cli"),
                new Claim(ClaimTypes.Role, Roles.Admin),
            ],
            "Cli");
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext
        {
            RequestServices = scope.ServiceProvider,
            User = new ClaimsPrincipal(operatorIdentity),
        };
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static int Done(string message)
    {
        Console.WriteLine(message);
        return 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 1;
    }
}
