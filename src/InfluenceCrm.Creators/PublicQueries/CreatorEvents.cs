using InfluenceCrm.Platform.Webhooks;

namespace InfluenceCrm.Creators.PublicQueries;

/// <summary>
/// The webhook events this module publishes (creators); the host aggregates every module's into the
/// catalogue. Wire names never change: receivers switch on them.
/// </summary>
public static class CreatorEvents
{
    public const string Created = "creator.created";
    public const string Updated = "creator.updated";
    public const string Erased = "creator.erased";

    public static readonly IReadOnlyList<WebhookEventTypes.EventType> All =
    [
        new(Created, "A creator was registered (data: the creator as GET /creators/{id} shows it)."),
        new(Updated, "A creator's profile, stage or social accounts changed (data: the creator)."),
        new(Erased, "A creator's personal data was erased (data: the creator's id only)."),
    ];
}
