namespace InfluenceCrm.Platform.Audit;

/// <summary>
/// Every action the audit log records, by code: the log keeps codes (stable, searchable, exported as such) and the console
/// reads each in the reader's language, so a code needs its words before it is written (ConsoleTextTests checks the words,
/// <see cref="AuditLog"/> refuses a code not listed here). Codes built from a state carry every state they can take.
/// </summary>
public static class AuditActions
{
    private static readonly string[] Listed =
    [
        "api_key.created", "api_key.revoked",
        "calendar_feed.created", "calendar_feed.revoked",
        "campaign.planned", "campaign.live", "campaign.completed", "campaign.cancelled", "campaign.draft",
        "contract.created", "contract.amended", "contract.sent", "contract.draft", "contract.creator_signed", "contract.signed",
        "contract.amendment_signed", "contract.active", "contract.completed", "contract.terminated", "contract.expired",
        "contract.milestone_paid",
        "creator.created", "creator.updated", "creator.imported", "creator.updated_by_import", "creator.stage_changed",
        "creator.social_account_added", "creator.social_account_updated", "creator.social_account_removed",
        "creator.invoicing_details_updated", "creator.portal_closed", "creator.personal_data_exported", "creator.erasure_requested",
        "creator.erased",
        "deliverable.approve", "deliverable.publish", "deliverable.verify", "deliverable.cancel",
        "deliverable.disclosure_pass", "deliverable.disclosure_warn", "deliverable.disclosure_fail", "deliverable.disclosure_block",
        "invitation.resent", "invitation.revoked", "invitation.accepted",
        "person.added", "person.invited", "person.role_changed", "person.removed", "person.signed_in", "person.sign_in_failed",
        "person.sign_in_throttled", "person.sso_linked", "person.sessions_ended", "person.password_changed",
        "person.password_change_failed", "person.password_change_throttled",
        "person.password_reset_requested", "person.password_reset",
        "ugc.rights_requested", "ugc.reply_needs_review", "ugc.request_granted", "ugc.request_denied", "ugc.request_withdrawn",
        "ugc.release_form_link_renewed", "ugc.release_recorded", "ugc.guardian_recorded", "ugc.release_withdrawn",
        "ugc.grant_recorded", "ugc.grant_superseded", "ugc.grant_revoked",
        "ugc.rights_check.allowed", "ugc.rights_check.review", "ugc.rights_check.blocked",
        "webhook_endpoint.created", "webhook_endpoint.updated", "webhook_endpoint.tested", "webhook_endpoint.secret_rotated",
        "webhook_endpoint.disabled", "webhook_delivery.replayed",
        "workspace.branding_changed",
    ];

    public static IReadOnlyCollection<string> All { get; } = new HashSet<string>(Listed, StringComparer.Ordinal);

    /// <summary>The kinds of record the log names (entity_type), as the console's filter offers them.</summary>
    public static IReadOnlyList<string> EntityTypes { get; } =
        ["api_key", "asset", "calendar_feed", "campaign", "contract", "creator", "deliverable", "grant", "invitation", "person", "webhook_endpoint",
            "workspace"];

    internal static void Demand(string action)
    {
        if (!All.Contains(action))
        {
            throw new InvalidOperationException($"The audit action {action} is not in AuditActions: add it there and its words to Text/Audit.json.");
        }
    }
}
