namespace InfluenceCrm.Platform.Webhooks;

/// <summary>The catalogue of webhook events: what an endpoint may subscribe to (GET /api/v1/webhooks/event-types).</summary>
public static class WebhookEventTypes
{
    public sealed record EventType(string Type, string Description);

    public const string CreatorCreated = "creator.created";
    public const string CreatorUpdated = "creator.updated";
    public const string CreatorErased = "creator.erased";
    public const string CampaignStatusChanged = "campaign.status_changed";
    public const string DeliverableSubmitted = "deliverable.submitted";
    public const string DeliverableChangesRequested = "deliverable.changes_requested";
    public const string DeliverableApproved = "deliverable.approved";
    public const string DeliverablePublished = "deliverable.published";
    public const string DeliverableCancelled = "deliverable.cancelled";
    public const string DisclosureFailed = "disclosure.failed";
    public const string ContractSent = "contract.sent";
    public const string ContractSigned = "contract.signed";
    public const string ContractTerminated = "contract.terminated";
    public const string PaymentDue = "payment.due";
    public const string PaymentPaid = "payment.paid";
    public const string RightsRequestGranted = "rights_request.granted";
    public const string RightsRequestDenied = "rights_request.denied";
    public const string RightsRequestNeedsReview = "rights_request.needs_review";
    public const string GrantRevoked = "grant.revoked";
    public const string GrantExpiring = "grant.expiring";
    public const string TakedownRequired = "takedown.required";
    public const string ConversionRecorded = "conversion.recorded";
    public const string EndpointDisabled = "webhook_endpoint.disabled";

    public static readonly IReadOnlyList<EventType> All =
    [
        new(CreatorCreated, "A creator was registered (data: the creator as GET /creators/{id} shows it)."),
        new(CreatorUpdated, "A creator's profile, stage or social accounts changed (data: the creator)."),
        new(CreatorErased, "A creator's personal data was erased (data: the creator's id only)."),
        new(CampaignStatusChanged, "A campaign moved to another status (data: the campaign, with the previous status)."),
        new(DeliverableSubmitted, "A draft was submitted or resubmitted for approval (data: the deliverable)."),
        new(DeliverableChangesRequested, "A reviewer asked for changes to a draft (data: the deliverable)."),
        new(DeliverableApproved, "A draft was approved (data: the deliverable)."),
        new(DeliverablePublished, "A deliverable's post was published (data: the deliverable)."),
        new(DeliverableCancelled, "A deliverable was cancelled before publication (data: the deliverable)."),
        new(DisclosureFailed, "A disclosure check found a post not properly disclosed as advertising (data: the verdict and its reasons)."),
        new(ContractSent, "A contract was sent for signature (data: the contract)."),
        new(ContractSigned, "A contract was signed (data: the contract)."),
        new(ContractTerminated, "A contract was terminated (data: the contract)."),
        new(PaymentDue, "A milestone payment fell due (data: the payment)."),
        new(PaymentPaid, "A milestone payment was recorded as paid (data: the payment)."),
        new(RightsRequestGranted, "A rights holder granted a UGC rights request (data: the request)."),
        new(RightsRequestDenied, "A rights holder denied a UGC rights request (data: the request)."),
        new(RightsRequestNeedsReview, "A reply to a rights request could not be read as a clear yes or no (data: the request)."),
        new(GrantRevoked, "A rights grant was revoked (data: the grant)."),
        new(GrantExpiring, "A rights grant expires within the notice period (data: the grant)."),
        new(TakedownRequired, "A usage of an asset is no longer covered by a grant and must be taken down (data: the take-down)."),
        new(ConversionRecorded, "A conversion (order) was recorded (data: the conversion with its attribution)."),
        new(EndpointDisabled, "One of this workspace's webhook endpoints was disabled after sustained failure (data: the endpoint)."),
    ];

    public static bool IsKnown(string type) => All.Any(t => t.Type == type);
}
