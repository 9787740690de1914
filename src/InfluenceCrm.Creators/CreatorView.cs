namespace InfluenceCrm.Creators;

/// <summary>What the API answers for one creator.</summary>
public sealed record CreatorView(
    string Id,
    string DisplayName,
    string? Email,
    string? Country,
    IReadOnlyList<string> Languages,
    IReadOnlyList<string> Tags,
    string Stage,
    bool DoNotContact,
    bool IsMinor,
    DateOnly? BirthDate,
    IReadOnlyList<LegalRepresentativeView> LegalRepresentatives,
    string LawfulBasis,
    string? Notes,
    IReadOnlyList<SocialAccountView> SocialAccounts,
    DateTimeOffset? ErasedAt,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public CreatorFields ToFields() => new()
    {
        DisplayName = DisplayName,
        Email = Email,
        Country = Country,
        Languages = Languages,
        Tags = Tags,
        DoNotContact = DoNotContact,
        IsMinor = IsMinor,
        BirthDate = BirthDate,
        LawfulBasis = LawfulBasis,
        Notes = Notes,
        LegalRepresentatives = LegalRepresentatives
            .Select(r => new LegalRepresentativeInput(r.FullName, r.Relationship, r.Email, r.Phone, r.HoldsParentalAuthority)).ToList(),
    };
}

public sealed record SocialAccountView(string Id, string Platform, string Handle, string? Url, long? Followers, decimal? EngagementRate,
    DateTimeOffset? MetricsAsOf);

public sealed record LegalRepresentativeView(string FullName, string Relationship, string? Email, string? Phone, bool HoldsParentalAuthority = true);
