using static InfluenceCrm.Campaigns.Disclosure.DisclosureText;

namespace InfluenceCrm.Campaigns.Disclosure;

/// <param name="Language">The post's language (ISO 639-1); detected from its text when not given.</param>
/// <param name="DisclosureTiming">For a video or a live: how long the disclosure is shown — whole_video, start, repeated (during a live) or end.</param>
/// <param name="BrandControl">For a gift: whether the brand had any control over the content (UK: with control, the post is an ad).</param>
/// <param name="AimedAtYoungPeople">Whether the content is aimed at young people (alcohol: never, under the Loi Évin).</param>
public sealed record DisclosureInput(
    string Market, string Platform, string Format, string? Caption, string? OnScreenText, string? SpokenText, IReadOnlyList<string?>? StoryFrames,
    bool PaidPartnershipLabel, string Compensation, bool RetouchedBody, bool AiGeneratedPerson, string? ProductCategory, string? Language = null,
    string? DisclosureTiming = null, bool? BrandControl = null, bool? AimedAtYoungPeople = null);

/// <param name="Text">Which wording the message is (DISC.no-mention, DISC.video-spoken-only…), its values in <paramref name="Args"/> (terms, codes, numbers):
/// a console writes the finding in its reader's language from them.</param>
public sealed record DisclosureFinding(string Rule, string Severity, string Message, string Source, string? Text = null,
    IReadOnlyDictionary<string, string>? Args = null);

public sealed record DisclosureVerdict(string Verdict, IReadOnlyList<DisclosureFinding> Findings, string RulesVersion);

/// <summary>
/// Reads a post as people write it — any case, with or without accents, hashtags as whole tags (#ad is not #adidas) —
/// and applies the market's rules: the mention and where it stands (before the "more" cut, not lost in a block of
/// hashtags, in the video itself, on every story frame), extra mentions, banned categories.
/// Verdict: block (may not be published) > fail (disclosure missing or insufficient) > warn (for a lawyer) > pass.
/// </summary>
public static class DisclosureEngine
{
    /// <summary>Where Instagram and TikTok cut a caption behind "more": what comes after is not upfront.</summary>
    public const int MoreCut = 125;

    /// <summary>"At the front": within the opening words.</summary>
    public const int Front = 40;

    public static readonly string[] VideoFormats = ["reel", "short", "video", "live"];

    private static readonly string[] Order = ["pass", "warn", "fail", "block"];

    private static Dictionary<string, string>? With(params (string Key, string? Value)[] args) =>
        args.Length == 0 ? null : args.Where(a => a.Value is not null).ToDictionary(a => a.Key, a => a.Value!);

    private static string Quoted(IEnumerable<string> terms) => string.Join(", ", terms.Select(t => $"\"{t}\""));

    public static DisclosureVerdict Evaluate(DisclosureInput input, DisclosureRuleSet rules)
    {
        var market = input.Market == "UK" ? "GB" : input.Market;
        var findings = new List<DisclosureFinding>();
        foreach (var rule in rules.Rules.Where(r => r.Market == market || r.Market == "*"))
        {
            findings.AddRange(rule.Kind switch
            {
                "mention" => Mention(rule, input),
                "extra_mention" => Extra(rule, input),
                "category" => Category(rule, input),
                "health_message" => HealthMessage(rule, input),
                "label" => input.PaidPartnershipLabel
                    ? [new DisclosureFinding(rule.Id, "pass", "The platform's paid-partnership label is on: one signal, checked together with the text.",
                        rule.Source, "DISC.label-on")]
                    : [],
                _ => throw new InvalidOperationException($"Unknown rule kind {rule.Kind} in {rule.Id}."),
            });
        }

        var verdict = findings.Count == 0 ? "pass" : findings.Select(f => f.Severity).MaxBy(s => Array.IndexOf(Order, s))!;
        return new DisclosureVerdict(verdict, findings, rules.Version);
    }

    private static IEnumerable<DisclosureFinding> Mention(DisclosureRule rule, DisclosureInput input)
    {
        if (input.Compensation == "none")
        {
            yield return new DisclosureFinding(rule.Id, "pass", "No payment, gift or affiliation declared: no advertising disclosure is due.", rule.Source,
                "DISC.not-due");
            yield break;
        }

        var isStory = input.Format == "story";
        var frames = input.StoryFrames is { Count: > 0 } given ? given : [input.OnScreenText];

        // A story has no caption to speak of: its frames carry the disclosure (all of them, where the market says so).
        var caption = Normalize(isStory ? string.Join("\n", frames) : input.Caption);

        rule = GiftReading(rule, input);
        var hits = AcceptedHits(rule, caption).ToList();
        var labelCounts = rule.LabelCounts && input.PaidPartnershipLabel;

        // ES, FR: on a picture, a mention superimposed on the image suffices, wherever the caption puts its own.
        var onImage = rule.OnImage && !isStory && !VideoFormats.Contains(input.Format) && AcceptedHits(rule, Normalize(input.OnScreenText)).Any();
        var acceptedList = string.Join(", ", rule.Accepted.Select(a => $"\"{a}\""));
        var problems = new List<(string Severity, string Message, string Text, Dictionary<string, string>? Args)>();

        if (hits.Count == 0 && !labelCounts && !onImage)
        {
            var rejected = rule.Rejected.Where(t => Matches(caption, t)).ToList();
            var risky = rule.RiskyAlone.Where(t => Matches(caption, t)).ToList();
            var where = isStory ? "story frames" : "caption";
            var args = With(("terms", Quoted(rejected.Count > 0 ? rejected : risky)), ("accepted", acceptedList), ("where", where));
            var text = rejected.Count > 0 ? "DISC.rejected" : risky.Count > 0 ? "DISC.risky" : isStory ? "DISC.no-mention-story" : "DISC.no-mention";
            var message = rejected.Count > 0
                ? $"{string.Join(", ", rejected.Select(r => $"\"{r}\""))} is not an accepted disclosure here; use one of {acceptedList}."
                : risky.Count > 0
                    ? $"{string.Join(", ", risky.Select(r => $"\"{r}\""))} alone is risky; prefer one of {acceptedList}."
                    : $"No accepted disclosure in the {where}; use one of {acceptedList}.";
            if (input.Compensation == "gifted" && input.BrandControl == true && rejected.Intersect(rule.GiftAccepted).Any())
            {
                message += " The brand had control over the content: the post is an ad, which a gift label does not disclose.";
                args!["brandControl"] = "true";
            }

            if (input.PaidPartnershipLabel)
            {
                message += " The platform's paid-partnership label alone is not enough.";
                args!["labelAlone"] = "true";
            }

            problems.Add((rejected.Count == 0 && risky.Count > 0 ? "warn" : rule.Severity, message, text, args));
        }
        else if (!labelCounts && !isStory)
        {
            var blocks = HashtagBlocks(caption);
            var placed = hits.Where(h => Placed(rule, h, caption, blocks)).ToList();
            if (placed.Count == 0 && !onImage)
            {
                var first = hits[0];
                var (text, message) = rule.NotInHashtagBlock && blocks.Any(b => first >= b.Start && first < b.End)
                    ? ("DISC.in-hashtag-block", "The disclosure is lost in a block of hashtags; put it on its own, upfront.")
                    : rule.Placement switch
                    {
                        "front" => ("DISC.not-at-front", "The disclosure must stand at the very start of the post."),
                        "first_hashtags" => ("DISC.not-first-hashtags", "The disclosure must come first, or among the first three hashtags."),
                        _ => ("DISC.after-more-cut",
                            $"The disclosure comes after the \"more\" cut ({MoreCut} characters); put it where it is seen without a tap."),
                    };
                problems.Add((rule.Severity, message, text, With(("characters", MoreCut.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
            }

            var rejectedToo = RejectedOutside(rule, caption, rule.Rejected.Except(rule.GiftAccepted).ToList()); // "#ad #gifted" says both, rightly
            if (rejectedToo.Count > 0)
            {
                problems.Add(("warn", $"{string.Join(", ", rejectedToo.Select(r => $"\"{r}\""))} also appears: an ambiguous term next to the disclosure.",
                    "DISC.ambiguous-too", With(("terms", Quoted(rejectedToo)))));
            }
        }

        if (input.Compensation == "gifted" && input.BrandControl is null && rule.GiftAccepted.Count > 0)
        {
            problems.Add(("warn",
                "A gift: say whether the brand had any control over the content (brandControl). Without control a gift disclosure suffices; with it the post " +
                "is an ad.",
                "DISC.gift-control-unknown", null));
        }

        if ((hits.Count > 0 || onImage) && LanguageProblem(rule, input, onImage ? caption + "\n" + Normalize(input.OnScreenText) : caption) is { } language)
        {
            problems.Add((rule.Severity, language.Message, "DISC.language", language.Args));
        }

        if (VideoFormats.Contains(input.Format) && TimingProblem(rule, input) is { } timing)
        {
            problems.Add(timing);
        }

        if (rule.InVideo && VideoFormats.Contains(input.Format) && VideoProblem(rule, input) is { } video)
        {
            problems.Add((rule.Severity, video.Message, video.Text, null));
        }

        if (rule.EveryStoryFrame && isStory && hits.Count > 0)
        {
            var missing = frames.Select((text, i) => (i, text)).Where(x => !AcceptedHits(rule, Normalize(x.text)).Any() && !labelCounts).Select(x => x.i + 1)
                .ToList();
            if (missing.Count > 0)
            {
                problems.Add((rule.Severity, $"Every story frame must carry the disclosure; frame(s) {string.Join(", ", missing)} of {frames.Count} do not.",
                    "DISC.story-frames",
                    With(("frames", string.Join(", ", missing)), ("count", frames.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
            }
        }

        if (problems.Count == 0)
        {
            var (text, message) = labelCounts && hits.Count == 0
                ? ("DISC.label-accepted", "The platform's paid-partnership label, accepted in this market, discloses the post.")
                : onImage ? ("DISC.on-image", "An accepted disclosure is superimposed on the image.")
                : ("DISC.ok", "An accepted disclosure stands where it must.");
            yield return new DisclosureFinding(rule.Id, "pass", message, rule.Source, text);
        }

        foreach (var (severity, message, text, args) in problems)
        {
            yield return new DisclosureFinding(rule.Id, severity, message, rule.Source, text, args);
        }
    }

    /// <summary>
    /// UK (CMA/ASA): a gift over whose content the brand had no control is not an ad, so a gift disclosure is the right one;
    /// with control it is an ad, which a gift label does not disclose (where the rules list the gift terms as rejected); when
    /// the fact is missing, a gift label alone is a risk for a lawyer.
    /// </summary>
    private static DisclosureRule GiftReading(DisclosureRule rule, DisclosureInput input)
    {
        if (input.Compensation != "gifted" || rule.GiftAccepted.Count == 0 || input.BrandControl == true)
        {
            return rule;
        }

        return input.BrandControl == false
            ? rule with
            {
                Accepted = [.. rule.Accepted, .. rule.GiftAccepted],
                RiskyAlone = rule.RiskyAlone.Except(rule.GiftAccepted).ToList(),
                Rejected = rule.Rejected.Except(rule.GiftAccepted).ToList(),
            }
            : rule with
            {
                Rejected = rule.Rejected.Except(rule.GiftAccepted).ToList(),
                RiskyAlone = rule.RiskyAlone.Union(rule.Rejected.Intersect(rule.GiftAccepted)).ToList(),
            };
    }

    /// <summary>A video carries the disclosure itself: on screen, or spoken where the market accepts it (FR wants it written on the video).</summary>
    private static (string Text, string Message)? VideoProblem(DisclosureRule rule, DisclosureInput input)
    {
        var written = AcceptedHits(rule, Normalize(input.OnScreenText)).Any();
        var spoken = AcceptedHits(rule, Normalize(input.SpokenText)).Any();
        if (written || (spoken && !rule.WrittenInVideo))
        {
            return null;
        }

        if (spoken)
        {
            return ("DISC.video-spoken-only", "The disclosure is only said aloud: here it must be written on the video, legible for the whole promotion.");
        }

        var where = rule.WrittenInVideo ? "written on screen" : "on screen or spoken";
        var suffix = rule.WrittenInVideo ? ".written" : "";
        return string.IsNullOrWhiteSpace(input.SpokenText)
            ? ("DISC.video-caption-only" + suffix, $"A video needs the disclosure in the video itself ({where}), not only in the caption.")
            : ("DISC.video-none" + suffix, $"The endorsement is spoken in the video but the video carries no disclosure ({where}).");
    }

    private static IEnumerable<DisclosureFinding> Extra(DisclosureRule rule, DisclosureInput input)
    {
        var due = rule.When switch
        {
            "retouchedBody" => input.RetouchedBody,
            "aiGeneratedPerson" => input.AiGeneratedPerson,
            _ => throw new InvalidOperationException($"Unknown condition {rule.When} in {rule.Id}."),
        };
        if (!due)
        {
            yield break;
        }

        var present = new[] { input.Caption, input.OnScreenText }.Concat(input.StoryFrames ?? []).Any(t => AcceptedHits(rule, Normalize(t)).Any());
        yield return present
            ? new DisclosureFinding(rule.Id, "pass", $"\"{rule.Accepted[0]}\" is present.", rule.Source, "DISC.extra-present",
                With(("mention", rule.Accepted[0])))
            : new DisclosureFinding(rule.Id, rule.Severity, $"The mention \"{rule.Accepted[0]}\" is required here and missing.", rule.Source,
                "DISC.extra-missing", With(("mention", rule.Accepted[0])));
    }

    /// <summary>
    /// The disclosure is in the language of the post (Ad Standards Canada; FTC: the language of the endorsement): the
    /// post's language, given or detected, must be the language of one of the accepted terms found (terms used in several
    /// languages, like "#ad" in Spain or Italy, count for any).
    /// </summary>
    private static (string Message, Dictionary<string, string>? Args)? LanguageProblem(DisclosureRule rule, DisclosureInput input, string caption)
    {
        var language = input.Language ?? LanguageGuess.Detect(string.Join("\n", new[] { input.Caption, input.SpokenText }.Concat(input.StoryFrames ?? [])));
        if (language is null || rule.TermLanguages.Count == 0)
        {
            return null;
        }

        var found = rule.Accepted.Where(t => FindSpans(caption, t).Any()).Select(t => rule.TermLanguages.GetValueOrDefault(t)).ToList();
        if (found.Count == 0 || found.Any(l => l is null || l == language))
        {
            return null;
        }

        var fitting = rule.Accepted.Where(t => rule.TermLanguages.GetValueOrDefault(t) is not { } l || l == language).Select(t => $"\"{t}\"").ToList();
        return ($"The post is in {language} but its disclosure is only in {string.Join(", ", found.Distinct())}: disclose in the language of the post"
            + (fitting.Count > 0 ? $" ({string.Join(", ", fitting)})." : "."),
            With(("language", language), ("languages", string.Join(",", found.Distinct())), ("accepted", string.Join(", ", fitting))));
    }

    /// <summary>How long a video shows the disclosure: FR for the whole video, IT at the start, lives repeated during the stream.</summary>
    private static (string Severity, string Message, string Text, Dictionary<string, string>? Args)? TimingProblem(DisclosureRule rule, DisclosureInput input)
    {
        var timing = input.DisclosureTiming;
        if (input.Format == "live" && rule.LiveRepeated && timing is not ("repeated" or "whole_video"))
        {
            return timing is null
                ? ("warn", "A live stream: say how the disclosure is shown (disclosureTiming); it must be repeated during the stream, not only at the start.",
                    "DISC.live-timing-unknown", null)
                : (rule.Severity, $"A live stream must repeat the disclosure during the stream; shown at the {timing.Replace('_', ' ')} only is not enough.",
                    "DISC.live-not-repeated", With(("timing", timing)));
        }

        return rule.VideoTiming switch
        {
            "whole" when timing is null => ("warn", "Say how long the video shows the disclosure (disclosureTiming): here it must stay for the whole video.",
                "DISC.whole-timing-unknown", null),
            "whole" when timing != "whole_video" =>
                (rule.Severity, $"The mention must stay on the video for the whole promotion, not only at the {timing!.Replace('_', ' ')}.",
                "DISC.not-whole-video", With(("timing", timing))),
            "start" when timing is "end" =>
                (rule.Severity, "The disclosure must be an overlay at the start of the video, not at the end.", "DISC.not-at-start", null),
            _ => null,
        };
    }

    /// <summary>A message the category requires in the content itself (alcohol in France: the Loi Évin's health message), and the
    /// audience it may never aim at.</summary>
    private static IEnumerable<DisclosureFinding> HealthMessage(DisclosureRule rule, DisclosureInput input)
    {
        if (input.ProductCategory is not { } category || !rule.Categories.Contains(category))
        {
            yield break;
        }

        if (input.AimedAtYoungPeople == true)
        {
            yield return new DisclosureFinding(rule.Id, "block", $"Content promoting {category} may never be aimed at young people.", rule.Source,
                "DISC.young-people", With(("category", category)));
        }

        var texts = new[] { input.Caption, input.OnScreenText }.Concat(input.StoryFrames ?? []).Select(Normalize).ToList();
        var present = rule.Accepted.Any(m => texts.Any(t => t.Contains(Normalize(m), StringComparison.Ordinal)));
        yield return present
            ? new DisclosureFinding(rule.Id, "warn",
                $"The health message is present. The content must stay objective (origin, composition, degree, way of making and of consuming) and never tie " +
                $"{category} to sport, success or seduction: have legal review it.", rule.Source, "DISC.health-present", With(("category", category)))
            : new DisclosureFinding(rule.Id, rule.Severity, $"The health message \"{rule.Accepted[0]}\" is required in the content and missing.", rule.Source,
                "DISC.health-missing", With(("mention", rule.Accepted[0])));
    }

    private static IEnumerable<DisclosureFinding> Category(DisclosureRule rule, DisclosureInput input)
    {
        if (input.ProductCategory is { } category && rule.Categories.Contains(category))
        {
            yield return new DisclosureFinding(rule.Id, rule.Severity, rule.Severity == "block"
                ? $"Influencers may not promote {category.Replace('_', ' ')} in this market: the content may not be published."
                : $"Promoting {category.Replace('_', ' ')} is restricted in this market; have a lawyer check the conditions.", rule.Source,
                rule.Severity == "block" ? "DISC.category-banned" : "DISC.category-restricted", With(("category", category)));
        }
    }
}
