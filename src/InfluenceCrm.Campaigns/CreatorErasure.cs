using System.Text.Json.Nodes;
using InfluenceCrm.Creators.PublicQueries;
using InfluenceCrm.Platform.Data;
using MediatR;

namespace InfluenceCrm.Campaigns;

/// <summary>
/// The Campaigns module's part of a creator's erasure, in the erasure's transaction: roster notes, deliverable titles,
/// drafts, captions, on-screen and spoken texts, post URLs, review comments and the story-frame texts of disclosure
/// verdicts. Deliverables themselves (platform, format, dates, status) stay: they are the campaign's plan and cost.
/// </summary>
internal sealed class CreatorErasure(TimeProvider clock) : INotificationHandler<CreatorErased>
{
    public static readonly Sql ForgetRosterNotes = Sql.Both("""
        UPDATE campaign_roster SET notes = NULL, version = version + 1, updated_at = @Now
        WHERE workspace_id = @WorkspaceId AND creator_id = @CreatorId AND notes IS NOT NULL
        """);

    public static readonly Sql ForgetDeliverableTexts = Sql.Per(
        sqlite: """
            UPDATE campaign_deliverables
            SET title = NULL, draft_caption = CASE WHEN draft_caption IS NULL THEN NULL ELSE '[erased]' END,
                draft_media = CASE WHEN draft_media IS NULL THEN NULL ELSE '[]' END, draft_files = CASE WHEN draft_files IS NULL THEN NULL ELSE '[]' END,
                post_url = CASE WHEN post_url IS NULL THEN NULL ELSE 'https://erased.invalid/' || id END,
                final_caption = CASE WHEN final_caption IS NULL THEN NULL ELSE '[erased]' END, on_screen_text = NULL, spoken_text = NULL,
                version = version + 1, updated_at = @Now
            WHERE workspace_id = @WorkspaceId AND creator_id = @CreatorId
            """,
        sqlServer: """
            UPDATE campaign_deliverables
            SET title = NULL, draft_caption = CASE WHEN draft_caption IS NULL THEN NULL ELSE N'[erased]' END,
                draft_media = CASE WHEN draft_media IS NULL THEN NULL ELSE N'[]' END, draft_files = CASE WHEN draft_files IS NULL THEN NULL ELSE N'[]' END,
                post_url = CASE WHEN post_url IS NULL THEN NULL ELSE CONCAT(N'https://erased.invalid/', id) END,
                final_caption = CASE WHEN final_caption IS NULL THEN NULL ELSE N'[erased]' END, on_screen_text = NULL, spoken_text = NULL,
                version = version + 1, updated_at = @Now
            WHERE workspace_id = @WorkspaceId AND creator_id = @CreatorId
            """);

    public static readonly Sql ForgetReviewTexts = Sql.Both("""
        UPDATE campaign_deliverable_reviews SET comment = NULL, caption = NULL
        WHERE workspace_id = @WorkspaceId AND deliverable_id IN (SELECT id FROM campaign_deliverables WHERE workspace_id = @WorkspaceId AND creator_id =
          @CreatorId)
        """);

    public static readonly Sql VerdictFacts = Sql.Both("""
        SELECT id AS Id, facts AS Facts FROM campaign_disclosure_verdicts
        WHERE workspace_id = @WorkspaceId AND deliverable_id IN (SELECT id FROM campaign_deliverables WHERE workspace_id = @WorkspaceId AND creator_id =
          @CreatorId)
        """);

    public static readonly Sql SetVerdictFacts = Sql.Both("UPDATE campaign_disclosure_verdicts SET facts = @Facts WHERE workspace_id = @WorkspaceId AND " +
        "id = @Id");

    private sealed class FactsRow
    {
        public string Id { get; init; } = "";
        public string Facts { get; init; } = "";
    }

    public async Task Handle(CreatorErased e, CancellationToken cancellationToken)
    {
        var (c, tx) = (e.Connection, e.Transaction);
        var ids = new { e.WorkspaceId, e.CreatorId, Now = clock.GetUtcNow() };
        await c.ExecuteAsync(ForgetRosterNotes, ids, tx, cancellationToken);
        await c.ExecuteAsync(ForgetReviewTexts, ids, tx, cancellationToken);
        await c.ExecuteAsync(ForgetDeliverableTexts, ids, tx, cancellationToken);
        foreach (var row in await c.QueryAsync<FactsRow>(VerdictFacts, ids, tx, cancellationToken))
        {
            if (JsonNode.Parse(row.Facts) is JsonObject facts && facts["storyFrames"] is JsonArray frames)
            {
                foreach (var frame in frames.OfType<JsonObject>().Where(f => f.ContainsKey("text")))
                {
                    frame["text"] = "[erased]";
                }

                await c.ExecuteAsync(SetVerdictFacts, new { e.WorkspaceId, row.Id, Facts = facts.ToJsonString() }, tx, cancellationToken);
            }
        }

        e.Report.Remove("campaigns: roster notes; deliverable titles, drafts, captions, on-screen and spoken texts, post URLs; review comments; story-frame " +
            "texts of disclosure verdicts");
        e.Report.Keep("campaigns: the deliverables' plan (platform, format, market, dates, status) and agreed fees, which the campaign's cost and " +
            "history need");
    }
}
