using InfluenceCrm.Platform.Webhooks;

namespace InfluenceCrm.UgcRights.PublicQueries;

/// <summary>
/// The webhook events this module publishes (UGC rights requests, grants and take-downs); the host aggregates every module's into the
/// catalogue. Wire names never change: receivers switch on them.
/// </summary>
public static class UgcRightsEvents
{
    public const string RightsRequestGranted = "rights_request.granted";
    public const string RightsRequestDenied = "rights_request.denied";
    public const string RightsRequestNeedsReview = "rights_request.needs_review";
    public const string GrantRevoked = "grant.revoked";
    public const string GrantExpiring = "grant.expiring";
    public const string TakedownRequired = "takedown.required";

    public static readonly IReadOnlyList<WebhookEventTypes.EventType> All =
    [
        new(RightsRequestGranted, "A rights holder granted a UGC rights request (data: the request)."),
        new(RightsRequestDenied, "A rights holder denied a UGC rights request (data: the request)."),
        new(RightsRequestNeedsReview, "A reply to a rights request could not be read as a clear yes or no (data: the request)."),
        new(GrantRevoked, "A rights grant was revoked (data: the grant)."),
        new(GrantExpiring, "A rights grant expires within the notice period (data: the grant)."),
        new(TakedownRequired, "A usage of an asset is no longer covered by a grant and must be taken down (data: the take-down)."),
    ];
}
