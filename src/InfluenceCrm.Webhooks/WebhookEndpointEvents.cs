using InfluenceCrm.Platform.Webhooks;

namespace InfluenceCrm.Webhooks;

/// <summary>
/// The webhook events this module publishes itself; the host adds them to the catalogue after the business modules'.
/// A test event is not in the catalogue: nobody subscribes to it, it goes to the one endpoint an admin tests.
/// </summary>
public static class WebhookEndpointEvents
{
    public const string EndpointDisabled = "webhook_endpoint.disabled";
    public const string Test = "webhook.test";

    public static readonly IReadOnlyList<WebhookEventTypes.EventType> All =
    [
        new(EndpointDisabled, "One of this workspace's webhook endpoints was disabled after sustained failure (data: the endpoint)."),
    ];
}
