using System.Data.Common;
using InfluenceCrm.Platform.Http;

namespace InfluenceCrm.Contracts;

/// <summary>The rules both online signatures share (the creator's in the portal, the brand's countersignature).</summary>
internal static class SigningRules
{
    /// <summary>A contract whose compliance has errors cannot be signed: the 409 lists the findings (as for the signed-document path).</summary>
    public static async Task RefuseOnComplianceErrorsAsync(ContractChecks checks, ContractView contract, CancellationToken ct)
    {
        var errors = (await checks.CheckAsync(contract, ct)).Findings.Where(f => f.Severity == "error").ToList();
        if (errors.Count > 0)
        {
            var conflict = new ConflictException($"The contract cannot be signed: {errors.Count} compliance error(s); see findings and GET /compliance.");
            conflict.Extensions["findings"] = errors;
            throw conflict;
        }
    }

    /// <summary>
    /// The version can be signed now: it is the current one, the contract waits for signatures (sent, or an amendment of a signed
    /// or active contract not yet signed by both), and its PDF is still the one the signer read (same SHA-256). Returns that PDF.
    /// </summary>
    public static async Task<ContractSignatures.RenderedPdf> CheckSignableAsync(DbConnection c, DbTransaction tx, string workspaceId, ContractView contract,
        int version, string sha256, CancellationToken ct)
    {
        if (version != contract.TermsVersion)
        {
            throw new ConflictException($"Version {version} is no longer the contract's current version ({contract.TermsVersion}): read the current one " +
                $"before signing.");
        }

        var amendment = ContractRules.AmendableStatuses.Contains(contract.Status) && contract.TermsVersion > 1
            && ContractSignatures.InForce(contract.Signatures, contract.TermsVersion, ContractSignatures.Brand) is null;
        if (contract.Status != "sent" && !amendment)
        {
            throw new ConflictException($"The contract is {contract.Status}; it is signed online when sent (or when an amendment awaits signatures).");
        }

        var pdf = await ContractSignatures.RenderAsync(c, workspaceId, contract.Id, version, tx, ct);
        if (pdf.Sha256 != sha256)
        {
            throw new ConflictException("The contract's PDF changed since it was read (its SHA-256 differs): read it again before signing.");
        }

        return pdf;
    }

    /// <summary>Where a version's PDF is read over the API (the signed document's reference once both have signed).</summary>
    public static string PdfPath(string contractId, int version) => $"/api/v1/contracts/{Uri.EscapeDataString(contractId)}/versions/{version}/pdf";
}
