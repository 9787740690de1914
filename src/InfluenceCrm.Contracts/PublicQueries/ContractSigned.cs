using System.Data.Common;
using MediatR;

namespace InfluenceCrm.Contracts.PublicQueries;

/// <summary>
/// Published by the Contracts module inside the signature's transaction: the UGC module turns the contract's usage
/// rights into grants for the creator's deliverables of the campaign (and the missions' deliverables), with the signed
/// document as evidence, on <see cref="Connection"/> and <see cref="Transaction"/>.
/// </summary>
public sealed record ContractSigned(string WorkspaceId, string ContractId, string CreatorId, string? CampaignId, IReadOnlyList<string> MissionDeliverableIds,
    string? CreatorLegalName, string? BrandLegalName, IReadOnlyList<SignedUsageRights> UsageRights, string DocumentUri, string DocumentSha256,
        DateTimeOffset SignedAt,
    DbConnection Connection, DbTransaction Transaction, int TermsVersion = 1) : INotification
{
    /// <summary>What a signed contract announces: its parties, missions' deliverables and usage rights, and the signed document.</summary>
    internal static ContractSigned Of(string workspaceId, ContractView signed, SignedDocument document, DbConnection c, DbTransaction tx)
    {
        var terms = signed.Terms;
        return new ContractSigned(workspaceId, signed.Id, signed.CreatorId, signed.CampaignId,
            (terms.Missions ?? []).Select(m => m.DeliverableId).OfType<string>().ToList(), terms.Creator?.LegalName, terms.Brand?.LegalName,
            RightsOf(terms), document.Uri, document.Sha256, document.SignedAt!.Value, c, tx, signed.TermsVersion);
    }

    /// <summary>The usage rights of these terms as other modules see them.</summary>
    internal static IReadOnlyList<SignedUsageRights> RightsOf(ContractTerms terms) =>
        (terms.UsageRights ?? []).Select(u => new SignedUsageRights(u.Rights, u.Channels, u.Territories, u.StartsOn, u.EndsOn, u.ModificationAllowed,
            u.AttributionRequired, u.Purpose)).ToList();
}

/// <summary>A contract's usage rights as other modules see them (the contract's own terms stay in this module).</summary>
public sealed record SignedUsageRights(IReadOnlyList<string>? Rights, IReadOnlyList<string>? Channels, IReadOnlyList<string>? Territories, DateOnly? StartsOn,
    DateOnly? EndsOn, bool? ModificationAllowed, bool? AttributionRequired, string? Purpose);
