using InfluenceCrm.Access;
using InfluenceCrm.Campaigns;
using InfluenceCrm.Console;
using InfluenceCrm.Contracts;
using InfluenceCrm.Creators;
using InfluenceCrm.Media;
using InfluenceCrm.Performance;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Webhooks;
using InfluenceCrm.UgcRights;
using InfluenceCrm.Webhooks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scalar.AspNetCore;

namespace InfluenceCrm.Api;

/// <summary>The one place that knows every module: services, pipeline and routes.</summary>
internal static partial class Composition
{
    /// <summary>
    /// The console's files (wwwroot: the stylesheets, the script, the icon) are published next to the assembly, where
    /// MapStaticAssets also finds its manifest (AppContext.BaseDirectory); but the web root defaults to wwwroot under the
    /// content root, which defaults to the working directory. Started from any other directory (a container's WORKDIR, a
    /// systemd unit), every asset's endpoint existed, its file did not, and the static-assets invoker answered 200 with an
    /// empty body (it clears the response on FileNotFoundException) and no log line. So the web root is the application's
    /// own wwwroot, unless a web root or content root is configured (--webroot, --contentRoot, ASPNETCORE_WEBROOT…).
    /// Settings (appsettings.json) and ./data stay relative to the working directory.
    /// </summary>
    public static WebApplicationOptions Options(string[] args)
    {
        var host = new ConfigurationBuilder().AddEnvironmentVariables("ASPNETCORE_").AddEnvironmentVariables("DOTNET_").AddCommandLine(args).Build();
        var shipped = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        var configured = host[WebHostDefaults.WebRootKey] is not null || host[WebHostDefaults.ContentRootKey] is not null;
        return new WebApplicationOptions { Args = args, WebRootPath = !configured && Directory.Exists(shipped) ? shipped : null };
    }

    public static WebApplicationBuilder AddInfluenceCrm(this WebApplicationBuilder builder)
    {
        // Framework request logs carry full URLs (query strings can hold names or e-mails); RequestLogging replaces them.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 16 * 1024 * 1024);

        builder.AddTelemetry();
        var services = builder.Services;
        // Every module's webhook events, in module order: the catalogue endpoints subscribe from.
        var webhookEvents = new WebhookEventTypes([.. Creators.PublicQueries.CreatorEvents.All, .. Campaigns.PublicQueries.CampaignEvents.All,
            .. Contracts.PublicQueries.ContractEvents.All, .. UgcRights.PublicQueries.UgcRightsEvents.All, .. Performance.PublicQueries.PerformanceEvents.All,
            .. WebhookEndpointEvents.All]);
        services.AddHostedService<MigrateOnStart>(); // first: the other hosted services start after the schema is there
        services.AddPlatform(builder.Configuration, typeof(CreatorsModule).Assembly, typeof(CampaignsModule).Assembly, typeof(ContractsModule).Assembly,
            typeof(UgcRightsModule).Assembly, typeof(PerformanceModule).Assembly, typeof(WebhooksModule).Assembly, typeof(MediaModule).Assembly,
            typeof(AccessModule).Assembly, typeof(Composition).Assembly);
        services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddHealthChecks().AddCheck<DatabaseHealth>("database", tags: ["ready"]);
        services.AddOpenApi(options =>
        {
            // Feature classes nest their Request, Response and Body records: named by the type alone they collapsed into one
            // schema ("Request" was the API key's), and every operation documented the wrong body. The declaring feature
            // is part of the id: RegisterCreatorRequest, CreateLinkLinkView.
            options.CreateSchemaReferenceId = info => Microsoft.AspNetCore.OpenApi.OpenApiOptions.CreateDefaultSchemaReferenceId(info) is { } id
                && info.Type.DeclaringType is { } feature ? feature.Name + id
                : Microsoft.AspNetCore.OpenApi.OpenApiOptions.CreateDefaultSchemaReferenceId(info);
            options.AddOperationTransformer(ProblemResponses.AddAsync);
            options.UseContract([.. DocumentedValues.Shared, .. CreatorsModule.Vocabularies(), .. CampaignsModule.Vocabularies(),
                .. ContractsModule.Vocabularies(),
                .. UgcRightsModule.Vocabularies(), .. PerformanceModule.Vocabularies(), .. WebhooksModule.Vocabularies(webhookEvents)]);
            options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "InfluenceCrm API";
            document.Info.Description = "The influencer-partnership CRM: creators, campaigns, contracts, UGC rights and campaign performance. "
                + "Errors are RFC 9457 problems; updates take If-Match; creating POSTs take Idempotency-Key; lists are cursor-paged (limit, cursor → " +
                "nextCursor).";
            document.Components ??= new Microsoft.OpenApi.OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>
            {
                ["ApiKey"] = new Microsoft.OpenApi.OpenApiSecurityScheme
                {
                    Type = Microsoft.OpenApi.SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An API key of your workspace: Authorization: Bearer icrm_…",
                },
            };
            document.Security = [new Microsoft.OpenApi.OpenApiSecurityRequirement { [new Microsoft.OpenApi.OpenApiSecuritySchemeReference("ApiKey",
                document)] = [] }];
            return Task.CompletedTask;
        });
        });
        services.AddAccess(builder.Configuration);
        services.AddCreators();
        services.AddCampaigns();
        services.AddContracts();
        services.AddUgcRights();
        services.AddPerformance();
        services.AddMedia();
        services.AddWebhooks(builder.Configuration, webhookEvents);
        services.AddConsole(typeof(CreatorsModule).Assembly, typeof(CampaignsModule).Assembly, typeof(PerformanceModule).Assembly,
            typeof(UgcRightsModule).Assembly, typeof(ContractsModule).Assembly, typeof(WebhooksModule).Assembly, typeof(AccessModule).Assembly);
        return builder;
    }

    public static WebApplication UseInfluenceCrm(this WebApplication app)
    {
        var benchmark = app.Configuration.GetValue("Benchmark:Endpoints", false);
        if (benchmark)
        {
            app.UseMiddleware<InfluenceCrm.Performance.Links.BenchmarkRedirects.ServerTiming>();
        }

        if (!app.Environment.WebRootFileProvider.GetFileInfo("_content/InfluenceCrm.Console/console.css").Exists)
        {
            ConsoleFilesMissing(app.Logger, app.Environment.WebRootPath ?? Path.Combine(app.Environment.ContentRootPath, "wwwroot"));
        }

        app.UsePlatform();
        app.UseConsole();
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = WriteReadiness }).AllowAnonymous();
        app.MapOpenApi("/openapi/v1.json").AllowAnonymous(); // one document: other names fall through to the 404 problem
        app.MapScalarApiReference("/docs").AllowAnonymous();
        app.MapAccess();
        app.MapWebhooks();
        app.MapConsole();
        app.MapCreators();
        app.MapCampaigns();
        app.MapContracts();
        app.MapUgcRights();
        app.MapPerformance(benchmark);
        app.MapMedia();
        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The console's files are not under the web root ({WebRoot}): its pages will have no stylesheet nor scripts")]
    private static partial void ConsoleFilesMissing(ILogger logger, string webRoot);

    /// <summary>"Healthy: …" as text, or a 503 problem naming the reason (disk full, read-only, file missing…).</summary>
    private static Task WriteReadiness(HttpContext http, HealthReport report)
    {
        var reasons = string.Join(" ", report.Entries.Values.Select(e => e.Description));
        if (report.Status == HealthStatus.Healthy)
        {
            http.Response.ContentType = "text/plain; charset=utf-8";
            return http.Response.WriteAsync($"Healthy: {reasons}");
        }

        http.Response.Headers.RetryAfter = "5";
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = 503, Title = "Not ready", Detail = reasons },
        }).AsTask();
    }

    /// <summary>Creates or upgrades the schema before the server takes requests.</summary>
    private sealed class MigrateOnStart(Migrator migrator) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
