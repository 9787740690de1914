using System.Reflection;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Mediation;
using InfluenceCrm.Platform.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Platform;

public static class PlatformServices
{
    public const string DefaultSqliteConnectionString = "Data Source=data/influencecrm.db";

    /// <summary>The database chosen by configuration: Database:Provider (Sqlite | SqlServer) and ConnectionStrings:InfluenceCrm.</summary>
    public static Db DatabaseFrom(IConfiguration configuration)
    {
        var providerName = configuration["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        if (!Enum.TryParse<DatabaseProvider>(providerName, ignoreCase: true, out var provider))
        {
            throw new InvalidOperationException($"Database:Provider must be Sqlite or SqlServer, not '{providerName}'.");
        }

        var connectionString = configuration.GetConnectionString("InfluenceCrm");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = provider == DatabaseProvider.Sqlite
                ? DefaultSqliteConnectionString
                : throw new InvalidOperationException("Database:Provider is SqlServer: set ConnectionStrings:InfluenceCrm.");
        }

        return new Db(provider, connectionString);
    }

    /// <summary>Everything but the HTTP pipeline: enough for the CLI verbs too.</summary>
    public static IServiceCollection AddPlatformCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(DatabaseFrom(configuration));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(provider =>
            new Migrator(provider.GetRequiredService<Db>(), provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Migrator>>())
            {
                TimeoutSeconds = configuration.GetValue("Database:MigrationTimeoutSeconds", 600),
            });
        services.AddSingleton<IpHasher>();
        services.AddSingleton<PublicUrls>();
        services.AddSingleton<ImportMetrics>();
        var mail = Mail.MailSettings.Read(configuration);
        services.AddSingleton(mail);
        services.AddSingleton<Mail.MailOutbox>();
        services.AddSingleton<Mail.IMailTransport>(mail.Sends ? new Mail.SmtpMailTransport(mail) : new Mail.PickupDirectoryTransport(mail));
        var storage = Storage.StorageSettings.Read(configuration);
        services.AddSingleton(storage);
        services.AddSingleton<Storage.IMediaStorage>(storage.Provider == Storage.StorageProvider.S3
            ? new Storage.S3MediaStorage(storage) : new Storage.FileSystemMediaStorage(storage));
        return services;
    }

    public static IServiceCollection AddPlatform(this IServiceCollection services, IConfiguration configuration, params Assembly[] moduleAssemblies)
    {
        services.AddPlatformCore(configuration);
        services.AddHttpContextAccessor();
        services.AddScoped<Caller>();
        services.AddScoped<AuditLog>();
        services.AddScoped<Webhooks.WebhookOutbox>();
        services.AddSingleton<IdempotencyKeyPurge>();
        services.AddHostedService(provider => provider.GetRequiredService<IdempotencyKeyPurge>());
        services.AddHostedService<VisitorSaltPurge>();
        services.AddHostedService<SqliteStatistics>();
        services.AddHostedService<Mail.MailDispatcher>();
        services.AddMediatorFrom([typeof(PlatformServices).Assembly, .. moduleAssemblies]);

        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            options.SerializerOptions.AllowDuplicateProperties = false;
            // Numbers are JSON numbers: "5" is refused, and the document types them as integer, not "integer or string".
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            options.SerializerOptions.Converters.Add(new UtcTimeJsonConverter());
        });
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>(); // first: it answers whatever the Accept header says
        services.AddProblemDetails();
        services.AddSingleton<DatabaseHealth>();
        services.AddHostedService(provider => provider.GetRequiredService<DatabaseHealth>());
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();

        services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicies();

        services.AddRateLimits();
        services.AddForwardedHeaders(configuration);
        return services;
    }

    private static AuthorizationBuilder AddPolicies(this AuthorizationBuilder builder)
    {
        foreach (var (policy, roles) in Policies.RolesFor)
        {
            builder.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
        }

        return builder;
    }

    /// <summary>The middleware order matters: the client's address from a known proxy first, then logging and errors, then body limit, identity, rate,
    /// permissions, idempotency.</summary>
    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.UseForwardedHeaders(); // first: logs, rate limits and visitor hashes see the client, not the proxy
        app.UseMiddleware<RequestLogging>();
        app.UseMiddleware<SecurityHeaders>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<BodySizeLimitMiddleware>();
        app.UseAuthentication();
        app.UseRateLimits(); // before authorization, so failed-key attempts are limited too (per client address)
        app.UseAuthorization();
        app.UseMiddleware<IdempotencyMiddleware>();
        return app;
    }
}
