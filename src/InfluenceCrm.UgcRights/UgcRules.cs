using FluentValidation;
using InfluenceCrm.Platform;

namespace InfluenceCrm.UgcRights;

public sealed record Licensor(string? Name, string? Handle, bool? IdentityVerified);

/// <summary>
/// What a grant gives, each right, channel and territory listed separately (French copyright law wants each stated).
/// "all" in rights or channels, or a worldwide perpetual grant, is a blanket grant: under French law a warning, not a clearance.
/// </summary>
public sealed record GrantTerms
{
    public Licensor? Licensor { get; init; }
    public IReadOnlyList<string>? Licensees { get; init; }
    public IReadOnlyList<string>? Rights { get; init; }
    public IReadOnlyList<string>? Channels { get; init; }
    public IReadOnlyList<string>? Territories { get; init; }
    public DateOnly? StartsOn { get; init; }
    /// <summary>Null = perpetual.</summary>
    public DateOnly? EndsOn { get; init; }
    public bool? Exclusive { get; init; }
    public bool? AttributionRequired { get; init; }
    public bool? ModificationAllowed { get; init; }
    public Money? Fee { get; init; }
    public string? Purpose { get; init; }
    public string? GoverningLaw { get; init; }
    public string? RevocationTerms { get; init; }
}

/// <summary>Proof of consent: what it is, where it is, when, and for forms the exact text shown (version and hash).</summary>
public sealed record Evidence(string? Kind, string? Reference, DateTimeOffset? ReceivedAt, string? ConsentTextVersion, string? TextSha256, string? IpHash);

public sealed record GuardianConsent(string? HolderName, string? Evidence, DateTimeOffset? ObtainedAt);

/// <summary>What a person's image release allows: channels, territories (ISO or worldwide) and period; absent parts are not limited.</summary>
public sealed record ReleaseScope(IReadOnlyList<string>? Channels, IReadOnlyList<string>? Territories, DateOnly? StartsOn, DateOnly? EndsOn);

internal static class UgcRules
{
    public static readonly string[] Rights = ["reproduction", "public_display", "adaptation", "translation", "all"];
    public static readonly string[] Channels = ["organic_social", "paid_social", "creator_whitelisting", "website", "email", "ooh_print", "tv_ctv",
        "in_store", "all"];
    public static readonly string[] MediaTypes = ["image", "video", "carousel", "audio", "text"];
    public static readonly string[] Methods = ["comment", "dm", "release_form"];
    public static readonly string[] EvidenceKinds = ["comment_reply", "dm_reply", "release_form", "signed_document", "contract", "email"];

    /// <summary>Platforms where a comment cannot carry consent: the off-platform release form is required.</summary>
    public static readonly string[] FormOnlyPlatforms = ["tiktok", "youtube"];

    public static bool IsTerritory(string? t) => t is not null && (t == "worldwide" || Vocabulary.Countries.Contains(t));
}

internal sealed class GrantTermsValidator : AbstractValidator<GrantTerms>
{
    public GrantTermsValidator()
    {
        RuleFor(t => t.Licensor).NotNull().WithMessage("licensor is required (name and/or handle).");
        RuleFor(t => t.Licensor!.Name).NotEmpty().When(t => t.Licensor is not null && string.IsNullOrWhiteSpace(t.Licensor.Handle))
            .WithMessage("The licensor needs a name or a handle.").OverridePropertyName("licensor.name");
        RuleFor(t => t.Licensees).NotEmpty().WithMessage("Name at least one licensee.");
        RuleForEach(t => t.Licensees).NotEmpty().MaximumLength(200);
        RuleFor(t => t.Rights).NotEmpty().WithMessage($"List the rights granted: {string.Join(", ", UgcRules.Rights)}.");
        RuleForEach(t => t.Rights).Must(r => r is not null && UgcRules.Rights.Contains(r))
            .WithMessage($"Each right is one of: {string.Join(", ", UgcRules.Rights)}.");
        RuleFor(t => t.Channels).NotEmpty().WithMessage("List the channels granted.");
        RuleForEach(t => t.Channels).Must(c => c is not null && UgcRules.Channels.Contains(c))
            .WithMessage($"Each channel is one of: {string.Join(", ", UgcRules.Channels)}.");
        RuleFor(t => t.Territories).NotEmpty().WithMessage("List the territories granted (ISO codes or worldwide).");
        RuleForEach(t => t.Territories).Must(UgcRules.IsTerritory).WithMessage("Each territory is an ISO 3166-1 alpha-2 code or worldwide.");
        RuleFor(t => t.StartsOn).NotNull().WithMessage("startsOn is required.");
        RuleFor(t => t.EndsOn).GreaterThanOrEqualTo(t => t.StartsOn).When(t => t.EndsOn is not null && t.StartsOn is not null)
            .WithMessage("endsOn cannot be before startsOn.");
        RuleFor(t => t.Fee!).SetValidator(new MoneyValidator()).When(t => t.Fee is not null);
        RuleFor(t => t.GoverningLaw).Must(c => Vocabulary.Countries.Contains(c!)).When(t => t.GoverningLaw is not null)
            .WithMessage("governingLaw is an ISO country code.");
        RuleFor(t => t.Purpose).MaximumLength(1000);
        RuleFor(t => t.RevocationTerms).MaximumLength(2000);
    }
}

internal sealed class EvidenceValidator : AbstractValidator<Evidence>
{
    public EvidenceValidator()
    {
        RuleFor(e => e.Kind).Must(k => k is not null && UgcRules.EvidenceKinds.Contains(k))
            .WithMessage($"kind is one of: {string.Join(", ", UgcRules.EvidenceKinds)}.");
        RuleFor(e => e.Reference).NotEmpty().MaximumLength(2048).WithMessage("reference (a permalink, document URI or hash) is required.");
        RuleFor(e => e.ReceivedAt).NotNull();
    }
}

internal sealed class ReleaseScopeValidator : AbstractValidator<ReleaseScope>
{
    public ReleaseScopeValidator()
    {
        RuleForEach(s => s.Channels).Must(c => c is not null && UgcRules.Channels.Contains(c))
            .WithMessage($"Each channel is one of: {string.Join(", ", UgcRules.Channels)}.");
        RuleForEach(s => s.Territories).Must(t => t is not null && (t == "worldwide" || Vocabulary.Countries.Contains(t)))
            .WithMessage("Each territory is an ISO code or worldwide.");
        RuleFor(s => s.EndsOn).GreaterThanOrEqualTo(s => s.StartsOn).When(s => s.StartsOn is not null && s.EndsOn is not null)
            .WithMessage("endsOn cannot be before startsOn.");
    }
}
