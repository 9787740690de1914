using MediatR;

namespace InfluenceCrm.Platform.BrandDay;

/// <summary>
/// What the brand's day (Campaigns' GetToday, the console's Today) asks of modules that depend on Campaigns: Contracts and
/// UgcRights reference Campaigns, so Campaigns cannot name their public queries. The requests are declared here, where both
/// sides see them, and each is answered by the module that owns the rows (a handler in its PublicQueries folder).
/// </summary>
public sealed record PaymentsDueBetween(DateOnly From, DateOnly To, int Limit) : IRequest<IReadOnlyList<PaymentDue>>;

/// <summary>A payment milestone due in the range, as Today lists it.</summary>
public sealed record PaymentDue(DateOnly DueOn, string ContractTitle, string Label, Money Amount);

/// <summary>Legal's counts for Today: grants ending and take-downs within the days, each counted up to <paramref name="Limit"/>.</summary>
public sealed record CountRightsAlerts(int WithinDays, int Limit) : IRequest<RightsAlerts>;

public sealed record RightsAlerts(int GrantsEnding, int Takedowns);
