using System.Data.Common;
using System.Security.Cryptography;
using InfluenceCrm.Contracts.Pdf;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;

namespace InfluenceCrm.Contracts;

/// <summary>
/// One online signature of a contract version and its evidence (a simple electronic signature: eIDAS art. 3(10), Code civil
/// 1366-1367). <paramref name="Party"/>: creator (in the portal) or brand (countersigned in the console or by API).
/// </summary>
/// <param name="SignerId">The creator's id, or the member (person) or API key that countersigned.</param>
/// <param name="PortalIdentity">The portal session the creator signed in (its verified address); null for the brand.</param>
/// <param name="Email">The address the signer proved they hold (the portal's mailed link); null for the brand.</param>
/// <param name="ConsentText">The consent sentence the signer ticked, exactly as shown.</param>
/// <param name="PdfSha256">The SHA-256 of the PDF of <paramref name="TermsVersion"/> that was signed (GET …/versions/{n}/pdf).</param>
/// <param name="IpHash">A keyed hash of the signer's IP address (HMAC-SHA256 under this installation's evidence key); never the address.</param>
/// <param name="InvalidatedAt">When the terms changed before the other party signed (the signature no longer counts), with the reason.</param>
public sealed record ContractSignature(string Id, string Party, int TermsVersion, string SignerId, string? PortalIdentity, string FullName, string? Email,
    string ConsentText, string PdfSha256, string IpHash, string? UserAgent, DateTimeOffset SignedAt, DateTimeOffset? InvalidatedAt, string? InvalidatedReason);

/// <summary>Reads and writes contract_signatures, and renders a version's PDF with its SHA-256. Only this module touches them.</summary>
internal static class ContractSignatures
{
    public const string Creator = "creator", Brand = "brand";

    public static readonly Sql ForContract = Sql.Both("""
        SELECT id AS Id, party AS Party, terms_version AS TermsVersion, signer_id AS SignerId, portal_identity AS PortalIdentity, full_name AS FullName,
            email AS Email, consent_text AS ConsentText, pdf_sha256 AS PdfSha256, ip_hash AS IpHash, user_agent AS UserAgent, signed_at AS SignedAt,
            invalidated_at AS InvalidatedAt, invalidated_reason AS InvalidatedReason
        FROM contract_signatures WHERE workspace_id = @WorkspaceId AND contract_id = @Id ORDER BY signed_at, id
        """);

    public static readonly Sql Insert = Sql.Both("""
        INSERT INTO contract_signatures (id, workspace_id, contract_id, terms_version, party, signer_id, portal_identity, full_name, email, consent_text,
            pdf_sha256, ip_hash, user_agent, signed_at, invalidated_at, invalidated_reason)
        VALUES (@Id, @WorkspaceId, @ContractId, @TermsVersion, @Party, @SignerId, @PortalIdentity, @FullName, @Email, @ConsentText,
            @PdfSha256, @IpHash, @UserAgent, @SignedAt, NULL, NULL)
        """);

    /// <summary>Signatures of versions below <c>@Below</c> still waiting for the brand's: they no longer count (the terms changed).</summary>
    public static readonly Sql InvalidatePending = Sql.Both("""
        UPDATE contract_signatures SET invalidated_at = @Now, invalidated_reason = @Reason
        WHERE workspace_id = @WorkspaceId AND contract_id = @ContractId AND terms_version < @Below AND invalidated_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM contract_signatures b WHERE b.contract_id = contract_signatures.contract_id
                AND b.terms_version = contract_signatures.terms_version AND b.party = 'brand' AND b.invalidated_at IS NULL)
        """);

    public static readonly Sql VersionTerms = Sql.Both("""
        SELECT c.title AS Title, c.creator_id AS CreatorId, c.status AS Status, t.terms AS Terms, t.created_at AS CreatedAt
        FROM contract_contracts c JOIN contract_terms_versions t ON t.contract_id = c.id
        WHERE c.workspace_id = @WorkspaceId AND c.id = @Id AND t.terms_version = @Version
        """);

    /// <summary>The PDF of a version as both parties signed it (kept at the countersignature).</summary>
    /// <remarks>Locked on SQL Server: the countersignature reads it, then keeps the document, in one transaction.</remarks>
    public static readonly Sql SignedDocument = Sql.Per(
        sqlite: """
            SELECT pdf AS Bytes, pdf_sha256 AS Sha256 FROM contract_signed_documents
            WHERE workspace_id = @WorkspaceId AND contract_id = @Id AND terms_version = @Version
            """,
        sqlServer: """
            SELECT pdf AS Bytes, pdf_sha256 AS Sha256 FROM contract_signed_documents WITH (UPDLOCK, HOLDLOCK)
            WHERE workspace_id = @WorkspaceId AND contract_id = @Id AND terms_version = @Version
            """);

    /// <summary>Keeps a version's signed PDF; a countersignature sent again keeps the first.</summary>
    public static readonly Sql KeepSignedDocument = Sql.Per(
        sqlite: """
            INSERT INTO contract_signed_documents (workspace_id, contract_id, terms_version, pdf, pdf_sha256, signed_at)
            SELECT @WorkspaceId, @ContractId, @TermsVersion, @Pdf, @Sha256, @SignedAt
            WHERE NOT EXISTS (SELECT 1 FROM contract_signed_documents WHERE contract_id = @ContractId AND terms_version = @TermsVersion)
            """,
        sqlServer: """
            INSERT INTO contract_signed_documents (workspace_id, contract_id, terms_version, pdf, pdf_sha256, signed_at)
            SELECT @WorkspaceId, @ContractId, @TermsVersion, @Pdf, @Sha256, @SignedAt
            WHERE NOT EXISTS (SELECT 1 FROM contract_signed_documents WITH (UPDLOCK, HOLDLOCK) WHERE contract_id = @ContractId
                AND terms_version = @TermsVersion)
            """);

    private sealed class DocumentRow
    {
        public byte[] Bytes { get; init; } = [];
        public string Sha256 { get; init; } = "";
    }

    internal sealed class SignatureRow
    {
        public string Id { get; init; } = "";
        public string Party { get; init; } = "";
        public long TermsVersion { get; init; }
        public string SignerId { get; init; } = "";
        public string? PortalIdentity { get; init; }
        public string FullName { get; init; } = "";
        public string? Email { get; init; }
        public string ConsentText { get; init; } = "";
        public string PdfSha256 { get; init; } = "";
        public string IpHash { get; init; } = "";
        public string? UserAgent { get; init; }
        public DateTimeOffset SignedAt { get; init; }
        public DateTimeOffset? InvalidatedAt { get; init; }
        public string? InvalidatedReason { get; init; }

        public ContractSignature ToView() => new(Id, Party, (int)TermsVersion, SignerId, PortalIdentity, FullName, Email, ConsentText, PdfSha256.Trim(),
            IpHash.Trim(), UserAgent, SignedAt, InvalidatedAt, InvalidatedReason);
    }

    private sealed class VersionRow
    {
        public string Title { get; init; } = "";
        public string CreatorId { get; init; } = "";
        public string Status { get; init; } = "";
        public string Terms { get; init; } = "{}";
        public DateTimeOffset CreatedAt { get; init; }
    }

    /// <summary>A version's PDF: its bytes, SHA-256 (lower-case hex), the contract's creator and status.</summary>
    public sealed record RenderedPdf(byte[] Bytes, string Sha256, string CreatorId, string Status, string FileName);

    public static async Task<IReadOnlyList<ContractSignature>> LoadAsync(DbConnection c, string workspaceId, string contractId, DbTransaction? tx,
        CancellationToken ct) =>
        (await c.QueryAsync<SignatureRow>(ForContract, new { WorkspaceId = workspaceId, Id = contractId }, tx, ct)).Select(r => r.ToView()).ToList();

    public static async Task<RenderedPdf> RenderAsync(DbConnection c, string workspaceId, string contractId, int version, DbTransaction? tx,
        CancellationToken ct)
    {
        var row = await c.QuerySingleOrDefaultAsync<VersionRow>(VersionTerms, new { WorkspaceId = workspaceId, Id = contractId, Version = version }, tx, ct)
            ?? throw new NotFoundException("contract version", $"{contractId}/{version}");
        var fileName = $"{contractId}-v{version}.pdf";
        if (await c.QuerySingleOrDefaultAsync<DocumentRow>(SignedDocument, new { WorkspaceId = workspaceId, Id = contractId, Version = version }, tx, ct)
            is { } signed)
        {
            return new RenderedPdf(signed.Bytes, signed.Sha256.Trim(), row.CreatorId, row.Status, fileName);
        }

        var bytes = ContractPdf.Render(contractId, row.Title, version, row.CreatedAt, ContractStore.Deserialize(row.Terms));
        return new RenderedPdf(bytes, Convert.ToHexStringLower(SHA256.HashData(bytes)), row.CreatorId, row.Status, fileName);
    }

    /// <summary>Keeps the PDF both parties signed: from now on the version's PDF is these bytes.</summary>
    public static Task KeepSignedAsync(DbConnection c, DbTransaction tx, string workspaceId, string contractId, int version, RenderedPdf pdf,
        DateTimeOffset signedAt, CancellationToken ct) =>
        c.ExecuteAsync(KeepSignedDocument, new
        {
            WorkspaceId = workspaceId,
            ContractId = contractId,
            TermsVersion = version,
            Pdf = pdf.Bytes,
            pdf.Sha256,
            SignedAt = signedAt,
        }, tx, ct);

    public static Task InvalidatePendingAsync(DbConnection c, DbTransaction tx, string workspaceId, string contractId, int below, string reason,
        DateTimeOffset now,
        CancellationToken ct) =>
        c.ExecuteAsync(InvalidatePending, new { Now = now, Reason = reason, WorkspaceId = workspaceId, ContractId = contractId, Below = below }, tx, ct);

    /// <summary>The signatures in force (not invalidated) of one version, by party.</summary>
    public static ContractSignature? InForce(IEnumerable<ContractSignature> signatures, int version, string party) =>
        signatures.FirstOrDefault(s => s.TermsVersion == version && s.Party == party && s.InvalidatedAt is null);
}
