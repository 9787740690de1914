using System.Text.Json;
using System.Text.Json.Serialization;

namespace InfluenceCrm.Campaigns.Disclosure;

/// <summary>One rule of disclosure-rules.json. The engine knows the kinds; the file holds the markets, terms and sources.</summary>
public sealed record DisclosureRule
{
    public string Id { get; init; } = "";
    public string Market { get; init; } = "";
    /// <summary>mention | extra_mention | category | label</summary>
    public string Kind { get; init; } = "";
    /// <summary>What a failure weighs: block | fail | warn.</summary>
    public string Severity { get; init; } = "";
    public string Source { get; init; } = "";
    public IReadOnlyList<string> Accepted { get; init; } = [];
    public IReadOnlyList<string> AcceptedPatterns { get; init; } = [];
    public IReadOnlyList<string> Rejected { get; init; } = [];
    public IReadOnlyList<string> RiskyAlone { get; init; } = [];
    /// <summary>upfront (before the "more" cut) | front (at the very start) | first_hashtags (first thing, or among the first three hashtags)</summary>
    public string? Placement { get; init; }
    public bool NotInHashtagBlock { get; init; }
    public bool InVideo { get; init; }
    public bool EveryStoryFrame { get; init; }
    public bool LabelCounts { get; init; }
    /// <summary>For extra mentions: the input flag that makes it due (retouchedBody, aiGeneratedPerson).</summary>
    public string? When { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    /// <summary>The language of each accepted term (ISO 639-1); terms not listed count for any language.</summary>
    public IReadOnlyDictionary<string, string> TermLanguages { get; init; } = new Dictionary<string, string>();
    /// <summary>Gift disclosures accepted when the brand had no control over the content (UK).</summary>
    public IReadOnlyList<string> GiftAccepted { get; init; } = [];
    /// <summary>How long a video must show the disclosure: whole (FR) | start (IT).</summary>
    public string? VideoTiming { get; init; }
    /// <summary>A live stream must repeat the disclosure during the stream.</summary>
    public bool LiveRepeated { get; init; }
    /// <summary>On a picture (post, carousel), a disclosure superimposed on the image suffices, wherever the caption stands (ES, FR).</summary>
    public bool OnImage { get; init; }
    /// <summary>In a video the disclosure must be written on screen; said aloud only is not enough (FR).</summary>
    public bool WrittenInVideo { get; init; }
}

public sealed record DisclosureRuleSet(string Version, DateOnly EffectiveFrom, IReadOnlyList<DisclosureRule> Rules);

/// <summary>The versions of the rules, loaded once from the embedded disclosure-rules.json.</summary>
public static class DisclosureRules
{
    private sealed record File(IReadOnlyList<DisclosureRuleSet> Versions);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public static readonly IReadOnlyList<DisclosureRuleSet> Versions = Load();

    public static IReadOnlyList<string> Markets => Versions[^1].Rules.Select(r => r.Market).Where(m => m != "*").Distinct().Order().ToList();

    /// <summary>The rules in force on a date (the latest version effective by then).</summary>
    public static DisclosureRuleSet InForce(DateOnly date) =>
        Versions.Where(v => v.EffectiveFrom <= date).OrderBy(v => v.EffectiveFrom).LastOrDefault() ?? Versions[0];

    public static DisclosureRuleSet Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var versions = document.RootElement.GetProperty("versions").Deserialize<List<DisclosureRuleSet>>(Options)!;
        return versions[^1];
    }

    private static List<DisclosureRuleSet> Load()
    {
        using var stream = typeof(DisclosureRules).Assembly.GetManifestResourceStream("disclosure-rules.json")
            ?? throw new InvalidOperationException("disclosure-rules.json is not embedded.");
        using var document = JsonDocument.Parse(stream);
        var versions = document.RootElement.GetProperty("versions").Deserialize<List<DisclosureRuleSet>>(Options)!;
        var duplicate = versions.SelectMany(v => v.Rules.GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => $"{v.Version}/{g.Key}")).FirstOrDefault();
        return duplicate is null ? versions.OrderBy(v => v.EffectiveFrom).ToList() : throw new InvalidOperationException($"Rule id {duplicate} appears twice.");
    }
}
