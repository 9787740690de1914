using System.Data.Common;
using InfluenceCrm.Platform.Data;

namespace InfluenceCrm.Creators;

/// <summary>
/// A creator's invoicing details as read: who is paid (legal name, postal address, VAT number or SIRET) and where (the IBAN,
/// whole, and masked for lists and logs). <see cref="Version"/> is 0 while none were recorded: the ETag a first PUT names.
/// </summary>
public sealed record InvoicingDetailsView(string CreatorId, string? LegalName, string? PostalAddress, string? VatNumber, string? Siret, string? Iban,
    string? IbanMasked, long Version, DateTimeOffset? UpdatedAt)
{
    /// <summary>The IBAN in groups of four, as a bank statement prints it.</summary>
    public string? IbanPrinted => Iban is null ? null : InvoicingChecks.PrintIban(Iban);
}

internal static class InvoicingDetails
{
    public static readonly Sql Load = Sql.Both("""
        SELECT creator_id AS CreatorId, legal_name AS LegalName, postal_address AS PostalAddress, vat_number AS VatNumber, siret AS Siret, iban AS Iban,
            version AS Version, updated_at AS UpdatedAt
        FROM creator_invoicing_details WHERE workspace_id = @WorkspaceId AND creator_id = @CreatorId
        """);

    /// <summary>The check before the first insert: on SQL Server the key stays locked until the write (a second writer waits, then sees the row).</summary>
    public static readonly Sql LoadForUpdate = Sql.Per(
        sqlite: "SELECT version FROM creator_invoicing_details WHERE workspace_id = @WorkspaceId AND creator_id = @CreatorId",
        sqlServer: "SELECT version FROM creator_invoicing_details WITH (UPDLOCK, HOLDLOCK) WHERE workspace_id = @WorkspaceId AND creator_id = @CreatorId");

    public static readonly Sql Insert = Sql.Both("""
        INSERT INTO creator_invoicing_details (creator_id, workspace_id, legal_name, postal_address, vat_number, siret, iban, version, updated_at)
        VALUES (@CreatorId, @WorkspaceId, @LegalName, @PostalAddress, @VatNumber, @Siret, @Iban, 1, @Now)
        """);

    public static readonly Sql Update = Sql.Both("""
        UPDATE creator_invoicing_details
        SET legal_name = @LegalName, postal_address = @PostalAddress, vat_number = @VatNumber, siret = @Siret, iban = @Iban, version = version + 1, updated_at =
          @Now
        WHERE workspace_id = @WorkspaceId AND creator_id = @CreatorId AND version = @Version
        """);

    public static readonly Sql Delete = Sql.Both("DELETE FROM creator_invoicing_details WHERE workspace_id = @WorkspaceId AND creator_id = @CreatorId");

    private sealed class Row
    {
        public string CreatorId { get; init; } = "";
        public string LegalName { get; init; } = "";
        public string PostalAddress { get; init; } = "";
        public string? VatNumber { get; init; }
        public string? Siret { get; init; }
        public string? Iban { get; init; }
        public long Version { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
    }

    public static async Task<InvoicingDetailsView> LoadAsync(DbConnection c, string workspaceId, string creatorId, DbTransaction? tx, CancellationToken ct)
    {
        var row = await c.QuerySingleOrDefaultAsync<Row>(Load, new { WorkspaceId = workspaceId, CreatorId = creatorId }, tx, ct);
        return row is null
            ? new InvoicingDetailsView(creatorId, null, null, null, null, null, null, 0, null)
            : new InvoicingDetailsView(row.CreatorId, row.LegalName, row.PostalAddress, row.VatNumber, row.Siret, row.Iban,
                row.Iban is null ? null : InvoicingChecks.MaskIban(row.Iban), row.Version, row.UpdatedAt);
    }
}
