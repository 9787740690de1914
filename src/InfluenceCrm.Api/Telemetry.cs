using InfluenceCrm.Performance.Clicks;
using InfluenceCrm.Platform.Mediation;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace InfluenceCrm.Api;

/// <summary>
/// OpenTelemetry traces, metrics and logs: ASP.NET Core, HttpClient and SqlClient instrumentation, a span per MediatR
/// request, and our meters (influencecrm.clicks.*). Exported over OTLP when the standard OTEL_EXPORTER_OTLP_ENDPOINT is
/// set (OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES and the other OTEL_* settings apply); off otherwise — no listener,
/// so no cost on the redirect. Telemetry:Enabled=true turns it on without an exporter (tests add their own).
/// </summary>
internal static class Telemetry
{
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (!otlp && !builder.Configuration.GetValue("Telemetry:Enabled", false))
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? "influencecrm"))
            .WithTracing(tracing => tracing
                .AddSource(TracingBehavior<object, object>.SourceName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddSqlClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(ClickPipeline.MeterName, InfluenceCrm.Webhooks.WebhooksModule.MeterName, InfluenceCrm.Platform.ImportMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .WithLogging();
        if (otlp)
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }
}
