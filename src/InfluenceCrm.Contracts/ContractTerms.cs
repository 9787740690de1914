using FluentValidation;
using InfluenceCrm.Platform;

namespace InfluenceCrm.Contracts;

/// <param name="EstablishedIn">Where the party is established (ISO country). For the creator and the agency it decides whether French
/// influencer law applies; when absent, the tax-residence country stands in for it.</param>
public sealed record Party(string? LegalName, string? PostalAddress, string? Email, string? TaxResidenceCountry, string? EstablishedIn = null);

public sealed record Mission(string? Description, string? DeliverableId);

/// <summary>Amounts excluding tax. <c>eurRate</c>: EUR per unit of the contract currency, supplied by the user (never guessed).</summary>
public sealed record Remuneration(Money? Fee, Money? InKindValue, string? InKindDescription, string? PaymentTerms, decimal? EurRate);

public sealed record MilestoneTerms(string? Label, Money? Amount, DateOnly? DueOn);

public sealed record Exclusivity(string? Category, IReadOnlyList<string>? Competitors, DateOnly? StartsOn, DateOnly? EndsOn);

/// <summary>Usage rights as French copyright law wants them (CPI L131-3): each right, with its extent (channels), place (territories), duration and
/// purpose.</summary>
/// <param name="Rights">reproduction, public_display, adaptation, translation — each listed separately.</param>
public sealed record UsageRights(IReadOnlyList<string>? Channels, IReadOnlyList<string>? Territories, DateOnly? StartsOn, DateOnly? EndsOn,
    bool? ModificationAllowed, bool? AttributionRequired, IReadOnlyList<string>? Rights = null, string? Purpose = null);

public sealed record DisclosureObligation(string? Wording, string? Placement);

/// <param name="HoldsParentalAuthority">Whether this person holds parental authority over the minor (each holder must sign).</param>
public sealed record RepresentativeSignature(string? FullName, string? Relationship, bool? Signed, bool? HoldsParentalAuthority = null);

/// <summary>Everything a contract version says. Versions are immutable; an amendment is a new version.</summary>
public sealed record ContractTerms
{
    public Party? Brand { get; init; }
    public Party? Creator { get; init; }
    public Party? Agency { get; init; }
    public IReadOnlyList<Mission>? Missions { get; init; }
    public Remuneration? Remuneration { get; init; }
    public IReadOnlyList<MilestoneTerms>? Milestones { get; init; }
    public Exclusivity? Exclusivity { get; init; }
    public IReadOnlyList<UsageRights>? UsageRights { get; init; }
    public DisclosureObligation? Disclosure { get; init; }
    /// <summary>ISO country whose law governs the contract (FR for French law).</summary>
    public string? GoverningLaw { get; init; }
    /// <summary>The countries whose public the content targets (ISO); when absent, the campaign's markets.</summary>
    public IReadOnlyList<string>? TargetMarkets { get; init; }
    /// <summary>The rights and obligations clause, including intellectual property.</summary>
    public string? IntellectualProperty { get; init; }
    public string? ProductCategory { get; init; }
    public IReadOnlyList<RepresentativeSignature>? LegalRepresentatives { get; init; }
    public DateOnly? StartsOn { get; init; }
    public DateOnly? EndsOn { get; init; }
    /// <summary>The language the contract is written in (fr, en): its PDF's. Default: French where French law governs, else English.</summary>
    public string? Language { get; init; }
}

internal static class ContractRules
{
    public static readonly string[] Statuses = ["draft", "sent", "signed", "active", "completed", "terminated", "expired"];

    /// <summary>Moves through POST /status; "signed" only through POST /signature (it needs the document).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Transitions = new Dictionary<string, string[]>
    {
        ["draft"] = ["sent", "terminated"],
        ["sent"] = ["draft", "signed", "terminated"],
        ["signed"] = ["active", "terminated", "expired"],
        ["active"] = ["completed", "terminated", "expired"],
        ["completed"] = [],
        ["terminated"] = [],
        ["expired"] = [],
    };

    /// <summary>Terms change in place only before signature; after it, only by amendment.</summary>
    public static readonly string[] EditableStatuses = ["draft"];

    public static readonly string[] AmendableStatuses = ["signed", "active"];

    public static readonly string[] Channels = ["organic_social", "paid_social", "creator_whitelisting", "website", "email", "ooh_print", "tv_ctv", "in_store"];

    public static readonly string[] ProductCategories =
    [
        "cosmetic_surgery", "medical_treatment_substitute", "nicotine", "unlisted_animal", "risky_financial_product", "unregistered_crypto",
        "sports_betting_tips", "gambling", "alcohol", "cosmetics", "fashion", "food", "beverages", "finance", "health", "travel", "tech", "other",
    ];

    public static readonly string[] Rights = ["reproduction", "public_display", "adaptation", "translation"];
}

internal sealed class ContractTermsValidator : AbstractValidator<ContractTerms>
{
    public ContractTermsValidator()
    {
        RuleFor(t => t.Brand!).SetValidator(new PartyValidator()).When(t => t.Brand is not null);
        RuleFor(t => t.Creator!).SetValidator(new PartyValidator()).When(t => t.Creator is not null);
        RuleFor(t => t.Agency!).SetValidator(new PartyValidator()).When(t => t.Agency is not null);
        RuleFor(t => t.Missions).Must(m => m!.Count <= 100).WithMessage("At most 100 missions.").When(t => t.Missions is not null);
        RuleForEach(t => t.Missions).NotNull().ChildRules(m => m.RuleFor(x => x.Description).NotEmpty().MaximumLength(2000));
        RuleFor(t => t.Remuneration!.Fee!).SetValidator(new MoneyValidator()).When(t => t.Remuneration?.Fee is not null)
            .OverridePropertyName("remuneration.fee");
        RuleFor(t => t.Remuneration!.InKindValue!).SetValidator(new MoneyValidator()).When(t => t.Remuneration?.InKindValue is not null)
            .OverridePropertyName("remuneration.inKindValue");
        RuleFor(t => t.Remuneration!.EurRate).GreaterThan(0).When(t => t.Remuneration?.EurRate is not null).OverridePropertyName("remuneration.eurRate");
        RuleFor(t => t.Milestones).Must(m => m!.Count <= 50).WithMessage("At most 50 milestones.").When(t => t.Milestones is not null);
        RuleForEach(t => t.Milestones).NotNull().ChildRules(m =>
        {
            m.RuleFor(x => x.Label).NotEmpty().MaximumLength(200);
            m.RuleFor(x => x.Amount).NotNull().SetValidator(new MoneyValidator()!);
            m.RuleFor(x => x.DueOn).NotNull();
        });
        RuleForEach(t => t.UsageRights).NotNull().ChildRules(u =>
        {
            u.RuleForEach(x => x.Channels).Must(c => c is not null && ContractRules.Channels.Contains(c))
                .WithMessage($"Each channel must be one of: {string.Join(", ", ContractRules.Channels)}.");
            u.RuleForEach(x => x.Territories).Must(t => t is not null && (t == "worldwide" || Vocabulary.Countries.Contains(t)))
                .WithMessage("Each territory is an ISO 3166-1 alpha-2 code or worldwide.");
            u.RuleFor(x => x.EndsOn).GreaterThanOrEqualTo(x => x.StartsOn).When(x => x.StartsOn is not null && x.EndsOn is not null);
            u.RuleForEach(x => x.Rights).Must(r => r is not null && ContractRules.Rights.Contains(r))
                .WithMessage($"Each right must be one of: {string.Join(", ", ContractRules.Rights)}.");
            u.RuleFor(x => x.Purpose).MaximumLength(1000);
        });
        RuleFor(t => t.GoverningLaw).Must(c => Vocabulary.Countries.Contains(c!)).WithMessage("governingLaw is an ISO 3166-1 alpha-2 code, e.g. FR.")
            .When(t => t.GoverningLaw is not null);
        RuleForEach(t => t.TargetMarkets).Must(c => c is not null && Vocabulary.Countries.Contains(c))
            .WithMessage("Each target market is an ISO 3166-1 alpha-2 code.");
        RuleFor(t => t.ProductCategory).Must(c => ContractRules.ProductCategories.Contains(c!))
            .WithMessage($"productCategory must be one of: {string.Join(", ", ContractRules.ProductCategories)}.").When(t => t.ProductCategory is not null);
        RuleFor(t => t.IntellectualProperty).MaximumLength(20_000);
        RuleForEach(t => t.LegalRepresentatives).NotNull().ChildRules(r => r.RuleFor(x => x.FullName).NotEmpty().MaximumLength(200));
        RuleFor(t => t.Language).Must(l => l is "fr" or "en").WithMessage("language is fr or en.").When(t => t.Language is not null);
        RuleFor(t => t.EndsOn).GreaterThanOrEqualTo(t => t.StartsOn).WithMessage("endsOn cannot be before startsOn.")
            .When(t => t.StartsOn is not null && t.EndsOn is not null);
    }

    private sealed class PartyValidator : AbstractValidator<Party>
    {
        public PartyValidator()
        {
            RuleFor(p => p.LegalName).MaximumLength(300);
            RuleFor(p => p.PostalAddress).MaximumLength(1000);
            RuleFor(p => p.Email).EmailAddress().When(p => p.Email is not null);
            RuleFor(p => p.TaxResidenceCountry).Must(c => Vocabulary.Countries.Contains(c!))
                .WithMessage("taxResidenceCountry is an ISO 3166-1 alpha-2 code.").When(p => p.TaxResidenceCountry is not null);
            RuleFor(p => p.EstablishedIn).Must(c => Vocabulary.Countries.Contains(c!))
                .WithMessage("establishedIn is an ISO 3166-1 alpha-2 code.").When(p => p.EstablishedIn is not null);
        }
    }
}
