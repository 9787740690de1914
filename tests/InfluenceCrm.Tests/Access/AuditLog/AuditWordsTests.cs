using System.Globalization;
using System.Net;
using InfluenceCrm.Console;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Access.AuditLog;

/// <summary>
/// The audit log in words: every action the log records has its words in English and French, a code without them is refused
/// before it is written, and the page reads each entry in the reader's language — the action, the record by its name with a
/// link, the details one fact per line (statuses by their labels) — while the CSV export keeps the codes.
/// </summary>
public sealed class AuditWordsTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    [Fact]
    public void Every_action_and_kind_of_record_has_its_words()
    {
        var missing = AuditActions.All.Select(a => "AuditAction_" + a).Concat(AuditActions.EntityTypes.Select(e => "AuditEntity_" + e))
            .Where(key => ConsoleText.Strings.GetString(key, CultureInfo.InvariantCulture) is null).ToList();
        Assert.Empty(missing);
    }

    /// <summary>The actions built from a state (campaign.{status}, contract.{status}, …) take every state their module has.</summary>
    [Fact]
    public void Every_action_built_from_a_state_is_listed_for_every_state()
    {
        var built = InfluenceCrm.Campaigns.CampaignRules.StatusTransitions.Values.SelectMany(s => s).Select(s => "campaign." + s)
            .Concat(InfluenceCrm.Contracts.ContractRules.Transitions.Values.SelectMany(s => s).Select(s => "contract." + s))
            .Concat(InfluenceCrm.Campaigns.Features.ListDisclosureVerdicts.Verdicts.Select(v => "deliverable.disclosure_" + v))
            .Concat(InfluenceCrm.UgcRights.Features.RecordPersonConsent.Kinds.Select(k => $"ugc.{k}_recorded"))
            .Concat(InfluenceCrm.UgcRights.Features.DecideRightsRequest.Outcomes.Select(o => "ugc.request_" + o));
        var unlisted = built.Distinct().Where(a => !AuditActions.All.Contains(a)).ToList();
        Assert.True(unlisted.Count == 0, string.Join(", ", unlisted));
    }

    [Fact]
    public async Task An_action_without_words_is_refused_and_nothing_is_written()
    {
        await using var c = await api.Db.OpenAsync();
        await using var tx = await c.BeginTransactionAsync();
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => InfluenceCrm.Platform.Audit.AuditLog.WriteAsync(c, tx, TimeProvider.System,
            api.MainWorkspaceId, "usr_x", "campaign.renamed", "campaign", "cmp_x"));
        Assert.Contains("campaign.renamed", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_reads_an_entry_in_the_reader_s_language_and_the_export_keeps_its_codes()
    {
        var name = $"Sérum {Guid.NewGuid():N}"[..14];
        var today = DateTime.UtcNow.Date;
        var created = await api.Client(Roles.Brand).PostJson("/api/v1/campaigns", new
        {
            name,
            brand = "Acme",
            platforms = new[] { "instagram" },
            markets = new[] { "FR" },
            startsOn = today.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            endsOn = today.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        var id = (string)(await created.Expect(HttpStatusCode.Created))["id"]!;
        await (await api.Client().Send(HttpMethod.Post, $"/api/v1/campaigns/{id}/status", new { status = "planned" }, ifMatch: created.ETag()))
            .Expect(HttpStatusCode.OK);

        var legal = await ConsoleSession.SignedInAsync(api, $"lex{Guid.NewGuid():N}@acme.example", Roles.Legal);
        var french = WebUtility.HtmlDecode(await legal.GetStringAsync($"/legal/audit?entityType=campaign&entityId={id}"));
        Assert.Contains("<td>Campagne planifiée</td>", french, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/campaigns/{id}\">{name}</a>", french, StringComparison.Ordinal);
        Assert.Contains("<dt>De</dt><dd>Brouillon</dd>", french, StringComparison.Ordinal);
        Assert.Contains("<dt>À</dt><dd>Planifiée</dd>", french, StringComparison.Ordinal);
        Assert.Contains("<option value=\"campaign\" selected>Campagne</option>", french, StringComparison.Ordinal);
        Assert.DoesNotContain("campaign.planned", french, StringComparison.Ordinal);
        Assert.DoesNotContain("{\"", french, StringComparison.Ordinal);

        using (await legal.GetAsync("/console/culture?culture=en&back=/"))
        {
        }

        var english = WebUtility.HtmlDecode(await legal.GetStringAsync($"/legal/audit?entityType=campaign&entityId={id}"));
        Assert.Contains("<td>Campaign planned</td>", english, StringComparison.Ordinal);
        Assert.Contains("<dt>From</dt><dd>Draft</dd>", english, StringComparison.Ordinal);

        var csv = await legal.GetStringAsync($"/legal/audit.csv?entityType=campaign&entityId={id}");
        Assert.Contains($"campaign.planned,campaign,{id},", csv, StringComparison.Ordinal);
    }
}
