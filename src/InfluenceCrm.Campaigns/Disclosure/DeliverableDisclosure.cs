using InfluenceCrm.Campaigns.PublicQueries;
using System.Data.Common;
using System.Text.Json;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Platform.Webhooks;

namespace InfluenceCrm.Campaigns.Disclosure;

/// <summary>What a deliverable's texts do not say and legal must tell the engine: the facts, kept with each verdict.</summary>
/// <summary>What the engine needs beyond the deliverable's texts (see CheckDisclosure.Request for each).</summary>
public sealed record DisclosureFacts(bool RetouchedBody, bool AiGeneratedPerson, string? ProductCategory, IReadOnlyList<string?>? StoryFrames,
    string? Language = null,
    string? DisclosureTiming = null, bool? BrandControl = null, bool? AimedAtYoungPeople = null);

public sealed record StoredVerdict(string Id, string CampaignId, string DeliverableId, string Market, string Verdict, IReadOnlyList<DisclosureFinding> Findings,
    string RulesVersion, DisclosureFacts Facts, DateTimeOffset CheckedAt, string CheckedBy);

/// <summary>Runs the disclosure engine on a deliverable (its published texts, else its draft) and keeps the verdict.</summary>
internal sealed class DeliverableDisclosure(Caller caller, CampaignStore store, AuditLog audit, WebhookOutbox webhooks)
{
    public static readonly Sql InsertVerdict = Sql.Both("""
        INSERT INTO campaign_disclosure_verdicts (id, workspace_id, campaign_id, deliverable_id, market, verdict, findings, rules_version, texts_sha256, facts,
          checked_at, checked_by)
        VALUES (@Id, @WorkspaceId, @CampaignId, @DeliverableId, @Market, @Verdict, @Findings, @RulesVersion, @TextsSha256, @Facts, @Now, @CheckedBy)
        """);

    /// <summary>Each deliverable's latest verdict, with the texts hash it read (to see a changed caption).</summary>
    private const string LatestVerdictsText = """
        SELECT v.id AS Id, v.campaign_id AS CampaignId, v.deliverable_id AS DeliverableId, v.market AS Market, v.verdict AS Verdict, v.findings AS Findings,
            v.rules_version AS RulesVersion, v.texts_sha256 AS TextsSha256, v.facts AS Facts, v.checked_at AS CheckedAt, v.checked_by AS CheckedBy
        FROM campaign_disclosure_verdicts v
        WHERE v.workspace_id = @WorkspaceId AND (@CampaignId IS NULL OR v.campaign_id = @CampaignId)
          AND v.checked_at = (SELECT MAX(x.checked_at) FROM campaign_disclosure_verdicts x WHERE x.deliverable_id = v.deliverable_id)
        ORDER BY v.campaign_id, v.deliverable_id
        """;

    public static readonly Sql LatestVerdicts = Sql.Per(sqlite: LatestVerdictsText, sqlServer: LatestVerdictsText + "\nOPTION (RECOMPILE)");

    internal sealed class VerdictRow
    {
        public string Id { get; init; } = "";
        public string CampaignId { get; init; } = "";
        public string DeliverableId { get; init; } = "";
        public string Market { get; init; } = "";
        public string Verdict { get; init; } = "";
        public string Findings { get; init; } = "[]";
        public string RulesVersion { get; init; } = "";
        public string TextsSha256 { get; init; } = "";
        public string Facts { get; init; } = "{}";
        public DateTimeOffset CheckedAt { get; init; }
        public string CheckedBy { get; init; } = "";

        public DisclosureFacts FactsValue => JsonSerializer.Deserialize<DisclosureFacts>(Facts, JsonSerializerOptions.Web)!;

        public StoredVerdict ToView() => new(Id, CampaignId, DeliverableId, Market.Trim(), Verdict,
            JsonSerializer.Deserialize<List<DisclosureFinding>>(Findings, JsonSerializerOptions.Web)!, RulesVersion, FactsValue, CheckedAt, CheckedBy);
    }

    /// <summary>A hash of everything the engine reads of the deliverable: a different hash means the texts changed.</summary>
    public static string TextsHash(DeliverableView d) =>
        Digest.Sha256Hex(string.Join('\u001f', Texts(d).Caption, d.Publication?.OnScreenText, d.Publication?.SpokenText,
            d.Publication?.PaidPartnershipLabel, d.Market, d.Format, d.Platform));

    private static (string? Caption, string Source) Texts(DeliverableView d) =>
        d.Publication is { } p ? (p.FinalCaption ?? d.Draft?.Caption, "publication") : (d.Draft?.Caption, "draft");

    public async Task<StoredVerdict> CheckAsync(DbConnection c, DbTransaction tx, CampaignView campaign, DeliverableView d, DisclosureFacts facts,
        CancellationToken ct)
    {
        var member = await store.LoadMemberAsync(c, caller.WorkspaceId, campaign.Id, d.RosterMemberId, tx, ct);
        var compensation = member.Fee is { Amount: 0 } ? "gifted" : "paid";
        var rules = DisclosureRules.InForce(store.Today);
        var input = new DisclosureInput(d.Market, d.Platform, d.Format, Texts(d).Caption, d.Publication?.OnScreenText, d.Publication?.SpokenText,
            facts.StoryFrames,
            d.Publication?.PaidPartnershipLabel ?? false, compensation, facts.RetouchedBody, facts.AiGeneratedPerson, facts.ProductCategory, facts.Language,
            facts.DisclosureTiming, facts.BrandControl, facts.AimedAtYoungPeople);
        var verdict = DisclosureEngine.Evaluate(input, rules);
        var id = Ids.New("dv");
        await c.ExecuteAsync(InsertVerdict, new
        {
            Id = id,
            caller.WorkspaceId,
            CampaignId = campaign.Id,
            DeliverableId = d.Id,
            d.Market,
            verdict.Verdict,
            Findings = JsonSerializer.Serialize(verdict.Findings, JsonSerializerOptions.Web),
            verdict.RulesVersion,
            TextsSha256 = TextsHash(d),
            Facts = JsonSerializer.Serialize(facts, JsonSerializerOptions.Web),
            store.Now,
            CheckedBy = caller.KeyId,
        }, tx, ct);
        await audit.RecordAsync(c, tx, $"deliverable.disclosure_{verdict.Verdict}", "deliverable", d.Id,
            new { rulesVersion = verdict.RulesVersion, rules = verdict.Findings.Where(f => f.Severity != "pass").Select(f => f.Rule).Distinct().ToList() }, ct);
        var stored = new StoredVerdict(id, campaign.Id, d.Id, d.Market, verdict.Verdict, verdict.Findings, verdict.RulesVersion, facts, store.Now,
            caller.KeyId);
        if (verdict.Verdict is "fail" or "block")
        {
            await webhooks.PublishAsync(c, tx, CampaignEvents.DisclosureFailed, stored, ct);
        }

        return stored;
    }
}
