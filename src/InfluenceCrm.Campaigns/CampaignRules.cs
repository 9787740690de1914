using FluentValidation;
using InfluenceCrm.Platform;

namespace InfluenceCrm.Campaigns;

/// <summary>The campaign vocabulary and the lifecycles it enforces.</summary>
internal static class CampaignRules
{
    public static readonly string[] Statuses = ["draft", "planned", "live", "completed", "cancelled"];

    public static readonly IReadOnlyDictionary<string, string[]> StatusTransitions = new Dictionary<string, string[]>
    {
        ["draft"] = ["planned", "cancelled"],
        ["planned"] = ["live", "draft", "cancelled"],
        ["live"] = ["completed", "cancelled"],
        ["completed"] = [],
        ["cancelled"] = [],
    };

    /// <summary>Objective → the KPI it is measured by.</summary>
    public static readonly IReadOnlyDictionary<string, string> Objectives = new Dictionary<string, string>
    {
        ["visibility"] = "impressions",
        ["notoriety"] = "reach",
        ["engagement"] = "engagement_rate",
        ["acquisition"] = "clicks",
        ["sales"] = "sales",
        ["revenue"] = "revenue",
    };

    public static readonly string[] RosterStatuses = ["invited", "negotiating", "confirmed", "declined", "removed"];

    public static readonly IReadOnlyDictionary<string, string[]> RosterTransitions = new Dictionary<string, string[]>
    {
        ["invited"] = ["negotiating", "confirmed", "declined", "removed"],
        ["negotiating"] = ["confirmed", "declined", "removed"],
        ["confirmed"] = ["removed"],
        ["declined"] = ["invited"],
        ["removed"] = ["invited"],
    };

    public static readonly string[] Formats = ["post", "carousel", "story", "reel", "short", "video", "live", "article", "podcast_mention"];

    public static readonly string[] DeliverableStatuses =
        ["planned", "draft_submitted", "changes_requested", "resubmitted", "approved", "published", "verified", "cancelled"];

    /// <summary>Campaign states in which deliverables may still be planned or move.</summary>
    public static readonly string[] OpenStatuses = ["draft", "planned", "live"];

    public static string Delimited(IEnumerable<string>? values) => "," + string.Join(',', values ?? []) + ",";

    public static IReadOnlyList<string> Undelimited(string stored) => stored.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The LIKE pattern that finds one code in a delimited list (codes are validated: no wildcards).</summary>
    public static string? ContainsCode(string? code) => code is null ? null : $"%,{code},%";
}

public sealed record Objective(string? Type, string? Kpi, decimal? Target);

/// <summary>What creators are asked to do: the text, do's and don'ts, mandatory mentions and the disclosure wording.</summary>
public sealed record Brief(string? Text, IReadOnlyList<string>? Dos, IReadOnlyList<string>? Donts, IReadOnlyList<string>? MandatoryMentions,
    string? DisclosureWording);

/// <summary>The editable fields of a campaign, as written by create and merge-patch.</summary>
public record CampaignFields
{
    public string? Name { get; init; }
    public string? Brand { get; init; }
    public IReadOnlyList<Objective>? Objectives { get; init; }
    public IReadOnlyList<string>? Platforms { get; init; }
    public IReadOnlyList<string>? Markets { get; init; }
    public Money? Budget { get; init; }
    public DateOnly? StartsOn { get; init; }
    public DateOnly? EndsOn { get; init; }
    public Brief? Brief { get; init; }
    /// <summary>Days a click may precede an order and still earn it (null: the installation default, 30).</summary>
    public int? AttributionWindowDays { get; init; }
}

internal sealed class CampaignFieldsValidator : AbstractValidator<CampaignFields>
{
    public CampaignFieldsValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("name is required.").MaximumLength(200);
        RuleFor(c => c.Brand).NotEmpty().WithMessage("brand is required.").MaximumLength(200);
        RuleFor(c => c.Objectives).Must(o => o!.Count <= 10).WithMessage("At most 10 objectives.").When(c => c.Objectives is not null);
        RuleForEach(c => c.Objectives).NotNull().ChildRules(o =>
        {
            o.RuleFor(x => x.Type).Must(t => t is not null && CampaignRules.Objectives.ContainsKey(t))
                .WithMessage($"type must be one of: {Vocabulary.ListOf(CampaignRules.Objectives.Keys)}.");
            o.RuleFor(x => x.Kpi).Must((x, kpi) => kpi == CampaignRules.Objectives[x.Type!])
                .WithMessage(x => $"The KPI of {x.Type} is {CampaignRules.Objectives[x.Type!]}.")
                .When(x => x.Kpi is not null && x.Type is not null && CampaignRules.Objectives.ContainsKey(x.Type));
            o.RuleFor(x => x.Target).NotNull().GreaterThan(0)
                .WithMessage("target is a positive number (engagement rate in %, revenue in minor units of the budget currency).");
        });
        RuleForEach(c => c.Platforms).Must(p => p is not null && Vocabulary.Platforms.Contains(p))
            .WithMessage($"Each platform must be one of: {Vocabulary.ListOf(Vocabulary.Platforms)}.");
        RuleForEach(c => c.Markets).Must(m => m is not null && Vocabulary.Countries.Contains(m))
            .WithMessage("Each market must be an ISO 3166-1 alpha-2 code in capitals, e.g. FR.");
        RuleFor(c => c.Markets).Must(m => m!.Count <= 60 && m!.Distinct().Count() == m!.Count)
            .WithMessage("markets holds at most 60 distinct codes.").When(c => c.Markets is not null);
        RuleFor(c => c.Platforms).Must(p => p!.Distinct().Count() == p!.Count)
            .WithMessage("platforms are listed once each.").When(c => c.Platforms is not null);
        RuleFor(c => c.Budget!).SetValidator(new MoneyValidator()).When(c => c.Budget is not null);
        RuleFor(c => c.EndsOn).GreaterThanOrEqualTo(c => c.StartsOn).WithMessage("endsOn cannot be before startsOn.")
            .When(c => c.StartsOn is not null && c.EndsOn is not null);
        RuleFor(c => c.AttributionWindowDays).InclusiveBetween(1, 90);
        RuleFor(c => c.Brief!.Text).MaximumLength(20_000).When(c => c.Brief is not null);
        RuleFor(c => c.Brief!.DisclosureWording).MaximumLength(500).When(c => c.Brief is not null);
        RuleForEach(c => c.Brief!.Dos).NotEmpty().MaximumLength(500).When(c => c.Brief is not null);
        RuleForEach(c => c.Brief!.Donts).NotEmpty().MaximumLength(500).When(c => c.Brief is not null);
        RuleForEach(c => c.Brief!.MandatoryMentions).NotEmpty().MaximumLength(500).When(c => c.Brief is not null);
    }
}
