using System.Text;
using InfluenceCrm.Performance.Links;
using InfluenceCrm.Performance;

namespace InfluenceCrm.Tests.Performance.Links;

/// <summary>
/// Any destination that validation accepts redirects with a Location header a server can send: printable ASCII, an
/// absolute http(s) URL, the same host (in its IDNA form). Random URLs from a fixed seed, mixing ASCII, accented and
/// non-Latin letters, spaces, percent signs, ports, queries and fragments.
/// </summary>
public sealed class LinkRulesPropertyTests
{
    private static readonly string[] Pieces =
    [
        "a", "z", "0", "9", "-", ".", "_", "~", "é", "ü", "ß", "例え", "テスト", "пример", "مثال", "😀",
        " ", "%", "%20", "%zz", "+", "!", "$", "'", "(", ")", "*", ",", ";", "=",
        "@", ":", "\u00a0", "\u200b", "İ", "ǅ", "Ω", "ｆｕｌｌ",
    ];

    [Fact]
    public void Any_destination_that_validation_accepts_redirects_with_a_location_a_server_can_send()
    {
        var random = new Random(20261127);
        var accepted = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var url = RandomUrl(random);
            if (LinkRules.DestinationProblem(url) is not null || url.Length > 1800)
            {
                continue;
            }

            var stored = LinkRules.WithUtm(url, "instagram", "spring-launch", "dlv_01J");
            if (LinkRules.FinalDestinationProblem(stored) is not null)
            {
                continue;
            }

            accepted++;
            var location = LinkRules.WithClickId(LinkRules.Ascii(stored), "ck_01J");
            Assert.True(location.All(ch => ch is >= '!' and <= '~'), $"{url} -> {location}");
            Assert.True(Uri.TryCreate(location, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https", $"{url} -> {location}");
            Assert.Equal(new Uri(url).IdnHost, parsed!.IdnHost);
        }

        Assert.True(accepted >= 2_000, $"only {accepted} of 20,000 random destinations were accepted: the generator needs more valid ones");
    }

    private static string RandomUrl(Random random)
    {
        string Run(int max)
        {
            var b = new StringBuilder();
            for (var n = random.Next(1, max); n > 0; n--)
            {
                b.Append(Pieces[random.Next(Pieces.Length)]);
            }

            return b.ToString();
        }

        string Label() => random.Next(3) == 0 ? Run(4)
            : new string(Enumerable.Range(0, random.Next(1, 8)).Select(_ => (char)('a' + random.Next(26))).ToArray());
        var host = string.Join(".", Enumerable.Range(0, random.Next(2, 4)).Select(_ => Label()));
        var url = new StringBuilder(random.Next(4) == 0 ? "http://" : "https://").Append(host);
        if (random.Next(5) == 0)
        {
            url.Append(':').Append(random.Next(1, 70000));
        }

        url.Append('/');
        for (var segments = random.Next(4); segments > 0; segments--)
        {
            url.Append(Run(6)).Append('/');
        }

        if (random.Next(2) == 0)
        {
            url.Append('?').Append(Run(5)).Append('=').Append(Run(5));
            if (random.Next(2) == 0)
            {
                url.Append("&utm_source=").Append(Run(3));
            }
        }

        if (random.Next(4) == 0)
        {
            url.Append('#').Append(Run(5));
        }

        return url.ToString();
    }
}
