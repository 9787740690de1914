using InfluenceCrm.Platform.Webhooks;

namespace InfluenceCrm.Campaigns.PublicQueries;

/// <summary>
/// The webhook events this module publishes (campaigns, their deliverables and disclosure checks); the host aggregates every module's into the
/// catalogue. Wire names never change: receivers switch on them.
/// </summary>
public static class CampaignEvents
{
    public const string CampaignStatusChanged = "campaign.status_changed";
    public const string DeliverableSubmitted = "deliverable.submitted";
    public const string DeliverableChangesRequested = "deliverable.changes_requested";
    public const string DeliverableApproved = "deliverable.approved";
    public const string DeliverablePublished = "deliverable.published";
    public const string DeliverableCancelled = "deliverable.cancelled";
    public const string DisclosureFailed = "disclosure.failed";

    public static readonly IReadOnlyList<WebhookEventTypes.EventType> All =
    [
        new(CampaignStatusChanged, "A campaign moved to another status (data: the campaign, with the previous status)."),
        new(DeliverableSubmitted, "A draft was submitted or resubmitted for approval (data: the deliverable)."),
        new(DeliverableChangesRequested, "A reviewer asked for changes to a draft (data: the deliverable)."),
        new(DeliverableApproved, "A draft was approved (data: the deliverable)."),
        new(DeliverablePublished, "A deliverable's post was published (data: the deliverable)."),
        new(DeliverableCancelled, "A deliverable was cancelled before publication (data: the deliverable)."),
        new(DisclosureFailed, "A disclosure check found a post not properly disclosed as advertising (data: the verdict and its reasons)."),
    ];
}
