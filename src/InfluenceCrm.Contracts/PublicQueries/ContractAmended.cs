using System.Data.Common;
using MediatR;

namespace InfluenceCrm.Contracts.PublicQueries;

/// <summary>
/// Published by the Contracts module inside an amendment's transaction when the amendment changes a signed contract's
/// usage rights: the UGC module supersedes the grants made from the earlier version by grants of the new rights, from
/// <see cref="EffectiveOn"/> (Code civil, art. 1193), on <see cref="Connection"/> and <see cref="Transaction"/>.
/// </summary>
/// <param name="Reason">Why the contract was amended, as the amendment says.</param>
/// <param name="DocumentUri">The amendment's signed document, else the contract's.</param>
public sealed record ContractAmended(string WorkspaceId, string ContractId, int TermsVersion, string Reason, DateOnly EffectiveOn, string CreatorId,
    string? CampaignId, IReadOnlyList<string> MissionDeliverableIds, string? CreatorLegalName, string? BrandLegalName,
        IReadOnlyList<SignedUsageRights> UsageRights,
    string? DocumentUri, string? DocumentSha256, DateTimeOffset AmendedAt, DbConnection Connection, DbTransaction Transaction) : INotification;
