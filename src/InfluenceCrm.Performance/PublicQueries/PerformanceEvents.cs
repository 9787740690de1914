using InfluenceCrm.Platform.Webhooks;

namespace InfluenceCrm.Performance.PublicQueries;

/// <summary>
/// The webhook events this module publishes (conversions); the host aggregates every module's into the
/// catalogue. Wire names never change: receivers switch on them.
/// </summary>
public static class PerformanceEvents
{
    public const string ConversionRecorded = "conversion.recorded";

    public static readonly IReadOnlyList<WebhookEventTypes.EventType> All =
    [
        new(ConversionRecorded, "A conversion (order) was recorded (data: the conversion with its attribution)."),
    ];
}
