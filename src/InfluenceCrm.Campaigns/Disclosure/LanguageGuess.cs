using System.Text.RegularExpressions;

namespace InfluenceCrm.Campaigns.Disclosure;

/// <summary>
/// The language of a post when the caller does not say: the one whose common words it uses most (French, English,
/// German, Spanish, Italian, Dutch), or none when the text is too short or mixed to tell. Enough to catch a disclosure
/// in another language than the post; the caller's language, when given, always wins.
/// </summary>
public static class LanguageGuess
{
    private static readonly Dictionary<string, HashSet<string>> Words = new()
    {
        ["fr"] = ["le", "la", "les", "des", "une", "est", "et", "je", "mon", "ma", "mes", "avec", "pour", "pas", "sur", "dans", "que", "qui", "vous", "nous",
            "ce", "cette", "du", "au"],
        ["en"] = ["the", "and", "is", "my", "with", "for", "this", "you", "to", "of", "it", "in", "on", "our", "your", "love", "new", "get", "are", "was", "i"],
        ["de"] = ["der", "die", "das", "und", "ist", "mit", "für", "ich", "mein", "meine", "ein", "eine", "nicht", "auf", "zu", "den", "dem", "euch", "ihr"],
        ["es"] = ["el", "los", "las", "y", "es", "mi", "mis", "con", "para", "por", "una", "del", "que", "este", "esta", "muy", "pero", "como"],
        ["it"] = ["il", "lo", "gli", "e", "è", "mio", "mia", "con", "per", "una", "del", "della", "che", "questo", "questa", "sono", "non", "di"],
        ["nl"] = ["de", "het", "een", "en", "is", "mijn", "met", "voor", "dit", "deze", "niet", "op", "van", "ik", "jullie"],
    };

    public static string? Detect(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var tokens = Regex.Matches(text.ToLowerInvariant(), @"(?<![#@\p{L}])\p{L}+").Select(m => m.Value).ToList();
        var scores = Words.Select(w => (Language: w.Key, Score: tokens.Count(w.Value.Contains))).OrderByDescending(s => s.Score).ToList();
        return scores[0].Score >= 2 && scores[0].Score > scores[1].Score ? scores[0].Language : null;
    }
}
