using FluentValidation;
using InfluenceCrm.Platform;

namespace InfluenceCrm.Creators;

/// <summary>The allowed values of the creator model, and the rules every way of writing a creator shares.</summary>
internal static class CreatorRules
{
    public static readonly string[] Stages = ["prospect", "contacted", "negotiating", "active", "paused", "ended"];
    public static readonly string[] LawfulBases = ["contract", "legitimate_interest", "consent"];
    public static readonly string[] Relationships = ["parent", "guardian", "other_legal_representative"];

    /// <summary>Which stage may follow which. Outreach stages are refused while do-not-contact is set.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> StageTransitions = new Dictionary<string, string[]>
    {
        ["prospect"] = ["contacted", "ended"],
        ["contacted"] = ["negotiating", "prospect", "ended"],
        ["negotiating"] = ["active", "contacted", "ended"],
        ["active"] = ["paused", "ended"],
        ["paused"] = ["active", "ended"],
        ["ended"] = ["prospect"],
    };

    public static readonly string[] OutreachStages = ["contacted", "negotiating"];

    public static string NormalizeHandle(string handle) => handle.Trim().TrimStart('@');

    public static string HandleKey(string handle) => NormalizeHandle(handle).ToLowerInvariant();

    /// <summary>The creator's accounts as other modules match them: "platform:handle", lower-case, without @.</summary>
    public static List<string> PlatformHandles(CreatorView creator) =>
        creator.SocialAccounts.Select(a => $"{a.Platform}:{a.Handle.TrimStart('@').ToLowerInvariant()}").Distinct().ToList();

    public static bool IsMinorOn(DateOnly birthDate, DateOnly today) => birthDate.AddYears(18) > today;
}

/// <summary>The person's data, as written by create (which adds stage and accounts), merge-patch and import.</summary>
public record CreatorFields
{
    public string? DisplayName { get; init; }
    public string? Email { get; init; }
    public string? Country { get; init; }
    public IReadOnlyList<string>? Languages { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public bool? DoNotContact { get; init; }
    public bool? IsMinor { get; init; }
    public DateOnly? BirthDate { get; init; }
    public IReadOnlyList<LegalRepresentativeInput>? LegalRepresentatives { get; init; }
    public string? LawfulBasis { get; init; }
    public string? Notes { get; init; }
}

/// <param name="HoldsParentalAuthority">Whether this person holds parental authority (default true): a minor's contract names every holder.</param>
public sealed record LegalRepresentativeInput(string? FullName, string? Relationship, string? Email, string? Phone, bool? HoldsParentalAuthority = null);

public sealed record SocialAccountInput(string? Platform, string? Handle, string? Url, long? Followers, decimal? EngagementRate, DateTimeOffset? MetricsAsOf);

internal sealed class CreatorFieldsValidator : AbstractValidator<CreatorFields>
{
    public CreatorFieldsValidator(TimeProvider clock)
    {
        RuleFor(c => c.DisplayName).NotEmpty().WithMessage("displayName is required.").MaximumLength(200);
        RuleFor(c => c.Email).EmailAddress().MaximumLength(320).When(c => c.Email is not null);
        RuleFor(c => c.Country).Must(c => Vocabulary.Countries.Contains(c!))
            .WithMessage("country must be an ISO 3166-1 alpha-2 code in capitals, e.g. FR.").When(c => c.Country is not null);
        RuleForEach(c => c.Languages).NotNull().Must(l => Vocabulary.Languages.Contains(l))
            .WithMessage("Each language must be an ISO 639-1 code in lower case, e.g. fr.");
        RuleFor(c => c.Languages).Must(l => l!.Count <= 20 && l.Distinct().Count() == l.Count)
            .WithMessage("languages holds at most 20 distinct codes.").When(c => c.Languages is not null);
        RuleForEach(c => c.Tags).NotEmpty().MaximumLength(50).Matches("^[\\p{L}\\p{N}][\\p{L}\\p{N} _.&'-]*$")
            .WithMessage("Each tag is 1-50 letters, digits, spaces or _ . & ' -, starting with a letter or digit.");
        RuleFor(c => c.Tags).Must(t => t!.Count <= 50).WithMessage("At most 50 tags.").When(c => c.Tags is not null);
        RuleFor(c => c.LawfulBasis).Must(b => CreatorRules.LawfulBases.Contains(b!))
            .WithMessage($"lawfulBasis must be one of: {Vocabulary.ListOf(CreatorRules.LawfulBases)}.").When(c => c.LawfulBasis is not null);
        RuleFor(c => c.Notes).MaximumLength(10_000);
        RuleFor(c => c.BirthDate)
            .Must(d => d!.Value <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime) && d.Value.Year >= 1900)
            .WithMessage("birthDate must be a past date after 1900.").When(c => c.BirthDate is not null);
        RuleFor(c => c.IsMinor)
            .Must((c, isMinor) => isMinor != false || !CreatorRules.IsMinorOn(c.BirthDate!.Value, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)))
            .WithMessage("isMinor is false but birthDate makes the creator under 18.")
            .When(c => c.BirthDate is not null && c.IsMinor is not null);
        RuleFor(c => c.LegalRepresentatives).Must(r => r!.Count <= 4).WithMessage("At most 4 legal representatives.")
            .When(c => c.LegalRepresentatives is not null);
        RuleForEach(c => c.LegalRepresentatives).NotNull().ChildRules(rep =>
        {
            rep.RuleFor(r => r.FullName).NotEmpty().MaximumLength(200);
            rep.RuleFor(r => r.Relationship).Must(r => CreatorRules.Relationships.Contains(r!))
                .WithMessage($"relationship must be one of: {Vocabulary.ListOf(CreatorRules.Relationships)}.");
            rep.RuleFor(r => r.Email).EmailAddress().MaximumLength(320).When(r => r.Email is not null);
            rep.RuleFor(r => r.Phone).MaximumLength(40);
        });
    }
}

internal sealed class SocialAccountValidator : AbstractValidator<SocialAccountInput>
{
    public SocialAccountValidator(TimeProvider clock)
    {
        RuleFor(a => a.Platform).Must(p => Vocabulary.Platforms.Contains(p!))
            .WithMessage($"platform must be one of: {Vocabulary.ListOf(Vocabulary.Platforms)}.");
        RuleFor(a => a.Handle).NotEmpty().MaximumLength(200)
            .Must(h => h is not null && CreatorRules.NormalizeHandle(h).Length > 0 && !CreatorRules.NormalizeHandle(h).Any(char.IsWhiteSpace))
            .WithMessage("handle is required and holds no spaces (a leading @ is dropped).");
        RuleFor(a => a.Url).Must(Vocabulary.IsHttpUrl).WithMessage("url must be an absolute http(s) URL.")
            .MaximumLength(2048).When(a => a.Url is not null);
        RuleFor(a => a.Followers).GreaterThanOrEqualTo(0);
        RuleFor(a => a.EngagementRate).InclusiveBetween(0m, 100m)
            .WithMessage("engagementRate is a percentage between 0 and 100.");
        RuleFor(a => a.MetricsAsOf).LessThanOrEqualTo(_ => clock.GetUtcNow().AddMinutes(5))
            .WithMessage("metricsAsOf cannot be in the future.");
    }
}
