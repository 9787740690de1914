using System.Text.Json.Nodes;
using InfluenceCrm.Creators.PublicQueries;
using InfluenceCrm.Platform.Data;
using MediatR;

namespace InfluenceCrm.Contracts;

/// <summary>
/// The Contracts module's part of a creator's erasure, in the erasure's transaction. Contracts never signed (drafts,
/// sent or withdrawn offers) lose the creator party's identity (name, postal and email addresses, tax residence), the
/// representatives' names and the mission texts, and their title, and any pending online signature with its evidence; open
/// ones are terminated. Signed contracts are kept
/// whole: the law requires them (and their payments) kept for as long as claims or audits may need them.
/// </summary>
internal sealed class CreatorErasure(TimeProvider clock) : INotificationHandler<CreatorErased>
{
    public static readonly Sql UnsignedTerms = Sql.Both("""
        SELECT t.contract_id AS ContractId, t.terms_version AS TermsVersion, t.terms AS Terms
        FROM contract_terms_versions t JOIN contract_contracts c ON c.id = t.contract_id
        WHERE c.workspace_id = @WorkspaceId AND c.creator_id = @CreatorId AND c.signed_at IS NULL
        """);

    public static readonly Sql SetTerms = Sql.Both("""
        UPDATE contract_terms_versions SET terms = @Terms WHERE workspace_id = @WorkspaceId AND contract_id = @ContractId AND terms_version = @TermsVersion
        """);

    public static readonly Sql ForgetUnsigned = Sql.Both("""
        UPDATE contract_contracts
        SET title = 'Contract (erased creator)', status = CASE WHEN status IN ('draft', 'sent') THEN 'terminated' ELSE status END,
            version = version + 1, updated_at = @Now
        WHERE workspace_id = @WorkspaceId AND creator_id = @CreatorId AND signed_at IS NULL
        """);

    /// <summary>A contract never signed keeps no evidence of a pending online signature (name, address, browser, IP hash).</summary>
    public static readonly Sql ForgetUnsignedSignatures = Sql.Both("""
        DELETE FROM contract_signatures WHERE workspace_id = @WorkspaceId
            AND contract_id IN (SELECT id FROM contract_contracts WHERE workspace_id = @WorkspaceId AND creator_id = @CreatorId AND signed_at IS NULL)
        """);

    public static readonly Sql CountSigned = Sql.Both(
        "SELECT COUNT(*) FROM contract_contracts WHERE workspace_id = @WorkspaceId AND creator_id = @CreatorId AND signed_at IS NOT NULL");

    private sealed class TermsRow
    {
        public string ContractId { get; init; } = "";
        public long TermsVersion { get; init; }
        public string Terms { get; init; } = "";
    }

    public async Task Handle(CreatorErased e, CancellationToken cancellationToken)
    {
        var (c, tx) = (e.Connection, e.Transaction);
        var ids = new { e.WorkspaceId, e.CreatorId, Now = clock.GetUtcNow() };
        foreach (var row in await c.QueryAsync<TermsRow>(UnsignedTerms, ids, tx, cancellationToken))
        {
            await c.ExecuteAsync(SetTerms, new { e.WorkspaceId, row.ContractId, row.TermsVersion, Terms = Pseudonymise(row.Terms) }, tx, cancellationToken);
        }

        await c.ExecuteAsync(ForgetUnsignedSignatures, ids, tx, cancellationToken);
        await c.ExecuteAsync(ForgetUnsigned, ids, tx, cancellationToken);
        var signed = await c.ExecuteScalarAsync<long>(CountSigned, ids, tx, cancellationToken);
        e.Report.Remove("contracts never signed: the creator party's name, postal and email addresses and tax residence, representatives' names, mission " +
            "texts, titles, pending online signatures and their evidence (open offers terminated)");
        e.Report.Keep($"contracts: {signed} signed contract(s) whole, with their payments — kept as the law requires (commercial and tax records), for as " +
            $"long as claims or audits may need them");
    }

    /// <summary>The terms with the person taken out; fields that must not be empty say "Erased".</summary>
    internal static string Pseudonymise(string terms)
    {
        var node = JsonNode.Parse(terms) as JsonObject ?? [];
        if (node["creator"] is JsonObject party)
        {
            party["legalName"] = "Erased creator";
            party["postalAddress"] = null;
            party["email"] = null;
            party["taxResidenceCountry"] = null;
        }

        foreach (var representative in (node["legalRepresentatives"] as JsonArray ?? []).OfType<JsonObject>())
        {
            representative["fullName"] = "Erased";
        }

        foreach (var mission in (node["missions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            mission["description"] = "Erased";
        }

        return node.ToJsonString();
    }
}
