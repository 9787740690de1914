using InfluenceCrm.Campaigns.PublicQueries;
using System.Text.Json;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Platform.Webhooks;

namespace InfluenceCrm.Campaigns;

/// <summary>
/// The deliverable lifecycle: planned → draft_submitted → changes_requested ↔ resubmitted → approved → published → verified;
/// cancelled from any step before publication.
/// Every step is one transaction that checks the version (If-Match), moves the status, and appends a review row
/// (who, role, when, step, from, to, comment, caption) that is never edited.
/// </summary>
internal sealed class DeliverableWorkflow(Db db, Caller caller, CampaignStore store, AuditLog audit, WebhookOutbox webhooks)
{
    /// <summary>Step → the statuses it may start from → the status it leads to.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Steps = new Dictionary<string, IReadOnlyDictionary<string, string>>
    {
        ["submit"] = new Dictionary<string, string> { ["planned"] = "draft_submitted", ["changes_requested"] = "resubmitted" },
        ["approve"] = new Dictionary<string, string> { ["draft_submitted"] = "approved", ["resubmitted"] = "approved" },
        ["request_changes"] = new Dictionary<string, string> { ["draft_submitted"] = "changes_requested", ["resubmitted"] = "changes_requested" },
        ["publish"] = new Dictionary<string, string> { ["approved"] = "published" },
        ["verify"] = new Dictionary<string, string> { ["published"] = "verified" },
        ["cancel"] = new Dictionary<string, string>
        {
            ["planned"] = "cancelled",
            ["draft_submitted"] = "cancelled",
            ["changes_requested"] = "cancelled",
            ["resubmitted"] = "cancelled",
            ["approved"] = "cancelled",
        },
    };

    /// <summary>The steps a deliverable in this status may take, in the order of <see cref="Steps"/>.</summary>
    public static IReadOnlyList<string> MovesFrom(string status) => [.. Steps.Where(s => s.Value.ContainsKey(status)).Select(s => s.Key)];

    /// <summary>Statuses in which a deliverable's plan (title, due date, format) may still change.</summary>
    public static readonly string[] Editable = ["planned", "draft_submitted", "changes_requested", "resubmitted", "approved"];

    /// <summary>Steps legal acts on: recorded in the audit log as well.</summary>
    private static readonly string[] Audited = ["approve", "publish", "verify", "cancel"];

    /// <summary>Steps integrations hear of (webhooks).</summary>
    private static readonly Dictionary<string, string> Announced = new()
    {
        ["submit"] = CampaignEvents.DeliverableSubmitted,
        ["request_changes"] = CampaignEvents.DeliverableChangesRequested,
        ["approve"] = CampaignEvents.DeliverableApproved,
        ["publish"] = CampaignEvents.DeliverablePublished,
        ["cancel"] = CampaignEvents.DeliverableCancelled,
    };

    public sealed record Change(DraftView? Draft, PublicationView? Publication, string? Comment, string? Caption);

    public Task<DeliverableView> MoveAsync(string campaignId, string deliverableId, long? expectedVersion, string step,
        Func<DeliverableView, CampaignView, Change> change, CancellationToken ct) =>
        db.InTransactionAsync(async (c, tx) =>
        {
            var campaign = await store.LoadCampaignAsync(c, caller.WorkspaceId, campaignId, tx, ct);
            var deliverable = await store.LoadDeliverableAsync(c, caller.WorkspaceId, campaign.Id, deliverableId, tx, ct);
            ETags.Check(expectedVersion, deliverable.Version);
            if (!Steps[step].TryGetValue(deliverable.Status, out var next))
            {
                throw new ConflictException(
                    $"A deliverable that is {deliverable.Status} cannot take the step '{step}'; it needs to be {string.Join(" or ", Steps[step].Keys)}.");
            }

            if (!CampaignRules.OpenStatuses.Contains(campaign.Status))
            {
                throw new ConflictException($"The campaign is {campaign.Status}; its deliverables no longer move.");
            }

            var (draft, publication, comment, caption) = change(deliverable, campaign);
            var changed = await c.ExecuteAsync(CampaignStore.UpdateDeliverableState, new
            {
                deliverable.Id,
                caller.WorkspaceId,
                Status = next,
                DraftCaption = draft?.Caption,
                DraftMedia = draft is null ? null : JsonSerializer.Serialize(draft.Media, JsonSerializerOptions.Web),
                DraftFiles = draft is null ? null : JsonSerializer.Serialize(draft.Files ?? [], JsonSerializerOptions.Web),
                publication?.PostUrl,
                publication?.PublishedAt,
                publication?.FinalCaption,
                publication?.OnScreenText,
                publication?.SpokenText,
                publication?.PaidPartnershipLabel,
                deliverable.Version,
                store.Now,
            }, tx, ct);
            if (changed == 0)
            {
                throw new PreconditionFailedException(ETags.For(deliverable.Version + 1));
            }

            await c.ExecuteAsync(CampaignStore.InsertReview, new
            {
                Id = Ids.New("rev"),
                caller.WorkspaceId,
                DeliverableId = deliverable.Id,
                store.Now,
                Actor = caller.KeyId,
                ActorRole = caller.Role,
                Step = step,
                FromStatus = deliverable.Status,
                ToStatus = next,
                Comment = comment,
                Caption = caption,
            }, tx, ct);
            if (Audited.Contains(step))
            {
                await audit.RecordAsync(c, tx, $"deliverable.{step}", "deliverable", deliverable.Id,
                    new { campaignId = campaign.Id, from = deliverable.Status, to = next }, ct);
            }

            var moved = await store.LoadDeliverableAsync(c, caller.WorkspaceId, campaign.Id, deliverable.Id, tx, ct);
            if (Announced.TryGetValue(step, out var eventType))
            {
                await webhooks.PublishAsync(c, tx, eventType, moved, ct);
            }

            return moved;
        }, ct);
}
