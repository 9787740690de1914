using InfluenceCrm.Webhooks.Features;
using InfluenceCrm.Platform.Webhooks;

namespace InfluenceCrm.Webhooks;

/// <summary>
/// Webhooks: endpoints a workspace's admins register, the event catalogue, deliveries and their attempts, replay; the
/// dispatcher that sends what the modules' WebhookOutbox wrote. Tables platform_webhook_*.
/// </summary>
public static class WebhooksModule
{
    /// <summary>The meter of delivery attempts (influencecrm.webhooks.*), for the host's telemetry.</summary>
    public const string MeterName = WebhookMetrics.MeterName;

    /// <param name="eventTypes">Every module's webhook events, aggregated by the host (this module's own among them).</param>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration, WebhookEventTypes eventTypes)
    {
        services.AddSingleton(eventTypes);
        var settings = WebhookSettings.From(configuration);
        services.AddSingleton(settings);
        services.AddSingleton<WebhookMetrics>();
        services.AddHttpClient(WebhookSender.HttpClientName, client => client.Timeout = settings.Timeout)
            .ConfigurePrimaryHttpMessageHandler(() => WebhookSender.Handler(settings));
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddSingleton<WebhookSchedule>();
        if (configuration.GetValue("Webhooks:Dispatcher", true))
        {
            services.AddHostedService(provider => provider.GetRequiredService<WebhookDispatcher>());
            services.AddHostedService(provider => provider.GetRequiredService<WebhookSchedule>());
        }

        return services;
    }

    /// <summary>The closed vocabularies of webhooks, for the OpenAPI document's enums.</summary>
    public static IEnumerable<Platform.DocumentedValues> Vocabularies(WebhookEventTypes eventTypes) =>
    [
        new(typeof(WebhookEndpointView), "status", ["enabled", "disabled"]), new(typeof(ListWebhookEndpoints.Request), "status", ["enabled", "disabled"]),
        new(typeof(WebhookDeliveryView), "status", ["pending", "delivered", "failed"]),
        new(typeof(ListWebhookDeliveries.Request), "status", ["pending", "delivered", "failed"]),
        new(typeof(WebhookAttemptView), "outcome", ["succeeded", "failed"]), new(typeof(ListWebhookAttempts.Request), "outcome", ["succeeded", "failed"]),
        new(null, "eventTypes", eventTypes.All.Select(t => t.Type).ToList()), new(null, "eventType", eventTypes.All.Select(t => t.Type).ToList()),
    ];

    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/api/v1/webhooks").WithTags("Webhooks");
        ListWebhookEventTypes.Map(webhooks);
        var endpoints = webhooks.MapGroup("/endpoints");
        CreateWebhookEndpoint.Map(endpoints);
        ListWebhookEndpoints.Map(endpoints);
        GetWebhookEndpoint.Map(endpoints);
        UpdateWebhookEndpoint.Map(endpoints);
        RotateWebhookSecret.Map(endpoints);
        ListWebhookDeliveries.Map(endpoints);
        GetWebhookDelivery.Map(endpoints);
        ReplayWebhookDelivery.Map(endpoints);
        SendWebhookTestEvent.Map(endpoints);
        ListWebhookAttempts.Map(endpoints);
        return app;
    }
}
