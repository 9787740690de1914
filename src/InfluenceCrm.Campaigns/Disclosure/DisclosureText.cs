using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace InfluenceCrm.Campaigns.Disclosure;

/// <summary>How the engine reads a post's text: case and accents ignored, terms as whole words, hashtags as whole tags, where a term stands.</summary>
internal static class DisclosureText
{
    /// <summary>Lower case, accents removed: "Publicité" and "PUBLICITE" read the same.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    public static bool Matches(string normalizedText, string term) => Find(normalizedText, term).Any();

    public static IEnumerable<int> AcceptedHits(DisclosureRule rule, string text) => AcceptedSpans(rule, text).Select(s => s.Index).Distinct().Order();

    public static IEnumerable<(int Index, int Length)> AcceptedSpans(DisclosureRule rule, string text) =>
        rule.Accepted.SelectMany(t => FindSpans(text, t))
            .Concat(rule.AcceptedPatterns.SelectMany(p => Regex.Matches(text, p, RegexOptions.CultureInvariant).Select(m => (m.Index, m.Length))));

    public static IEnumerable<int> Find(string text, string term) => FindSpans(text, term).Select(s => s.Index);

    /// <summary>Where a term stands as a whole word, or as a whole hashtag when it starts with #.</summary>
    public static IEnumerable<(int Index, int Length)> FindSpans(string text, string term)
    {
        var normalized = Normalize(term);
        var body = string.Join(@"\s+", normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape));
        var before = normalized.StartsWith('#') ? @"(?<![\p{L}\p{N}_])" : @"(?<![\p{L}\p{N}_#@])";
        return Regex.Matches(text, $@"{before}{body}(?![\p{{L}}\p{{N}}_])", RegexOptions.CultureInvariant).Select(m => (m.Index, m.Length));
    }

    /// <summary>Rejected terms that stand on their own, not inside an accepted phrase ("thanks" inside "thanks to X for the free product").</summary>
    public static List<string> RejectedOutside(DisclosureRule rule, string text, IReadOnlyList<string> terms)
    {
        var accepted = AcceptedSpans(rule, text).ToList();
        return terms.Where(t => FindSpans(text, t).Any(r => !accepted.Any(a => r.Index >= a.Index && r.Index + r.Length <= a.Index + a.Length))).ToList();
    }

    /// <summary>Runs of three or more hashtags in a row: a mention inside one is lost in the crowd.</summary>
    public static List<(int Start, int End)> HashtagBlocks(string text)
    {
        var blocks = new List<(int, int)>();
        foreach (Match run in Regex.Matches(text, @"(?:#[\p{L}\p{N}_]+[\s,.]*){3,}", RegexOptions.CultureInvariant))
        {
            blocks.Add((run.Index, run.Index + run.Length));
        }

        return blocks;
    }

    public static bool Placed(DisclosureRule rule, int index, string caption, List<(int Start, int End)> blocks)
    {
        if (rule.NotInHashtagBlock && blocks.Any(b => index >= b.Start && index < b.End))
        {
            return false;
        }

        return rule.Placement switch
        {
            "front" => index < DisclosureEngine.Front,
            "first_hashtags" => index < DisclosureEngine.Front || FirstHashtags(caption, 3).Contains(index),
            "upfront" => index < DisclosureEngine.MoreCut,
            _ => true,
        };
    }

    public static HashSet<int> FirstHashtags(string text, int count) =>
        Regex.Matches(text, @"(?<![\p{L}\p{N}_])#[\p{L}\p{N}_]+", RegexOptions.CultureInvariant).Take(count).Select(m => m.Index).ToHashSet();
}
