using InfluenceCrm.Campaigns.Disclosure;

namespace InfluenceCrm.Tests.Campaigns.Disclosure;

/// <summary>Table-driven: each market's rules, and the readings people's texts call for.</summary>
public sealed class DisclosureEngineTests
{
    private static readonly DisclosureRuleSet Rules = DisclosureRules.Versions[^1];

    internal static DisclosureVerdict Check(string market, string? caption, string format = "post", string? onScreen = null, string? spoken = null,
        string[]? frames = null, bool label = false, string compensation = "paid", bool retouched = false, bool ai = false, string? category = null,
        string? language = null, string? timing = null, bool? brandControl = null, bool? young = null) =>
        DisclosureEngine.Evaluate(new DisclosureInput(market, "instagram", format, caption, onScreen, spoken, frames, label, compensation, retouched, ai, category,
            language, timing, brandControl, young), Rules);

    public static TheoryData<string, string, string, string> Captions => new()
    {
        // market, caption, expected verdict, rule that decides
        { "FR", "Publicité – ma routine du matin avec @acme", "pass", "FR-DISC-MENTION" },
        { "FR", "#Publicité ma routine du matin", "pass", "FR-DISC-MENTION" },
        { "FR", "PUBLICITE : ma routine", "pass", "FR-DISC-MENTION" },
        { "FR", "Collaboration commerciale avec @acme", "pass", "FR-DISC-MENTION" },
        { "FR", "Ma routine du matin #collab #sp", "fail", "FR-DISC-MENTION" },
        { "FR", "Ma routine du matin", "fail", "FR-DISC-MENTION" },
        { "US", "#ad Loving this serum from @acme", "pass", "US-DISC-MENTION" },
        { "US", "Sponsored: my morning routine", "pass", "US-DISC-MENTION" },
        { "US", "Thanks to Acme for the free product! Loving it", "pass", "US-DISC-MENTION" },
        { "US", "Loving my new sneakers #adidas #sneakers", "fail", "US-DISC-MENTION" },
        { "US", "Loving this #spon", "fail", "US-DISC-MENTION" },
        { "US", "Big thanks to the team", "fail", "US-DISC-MENTION" },
        { "GB", "#ad My morning routine", "pass", "UK-DISC-MENTION" },
        { "GB", "In collaboration with @acme", "fail", "UK-DISC-MENTION" },
        { "GB", "Gifted by @acme, my routine", "fail", "UK-DISC-MENTION" }, // paid: a gift label does not disclose an ad (rules 2026-12-07)
        { "DE", "Werbung | Meine Morgenroutine", "pass", "DE-DISC-MENTION" },
        { "DE", "Anzeige: Meine Morgenroutine", "pass", "DE-DISC-MENTION" },
        { "DE", "Meine Morgenroutine #ad", "fail", "DE-DISC-MENTION" },
        { "ES", "#publi Mi rutina de mañana", "pass", "ES-DISC-MENTION" },
        { "ES", "Mi rutina #colab", "fail", "ES-DISC-MENTION" },
        { "IT", "Pubblicità – la mia routine", "pass", "IT-DISC-MENTION" },
        { "IT", "In collaborazione con @acme, la mia routine", "fail", "IT-DISC-MENTION" },
        { "CA", "#AcmePartner my routine", "pass", "CA-DISC-MENTION" },
        { "CA", "#commandité ma routine", "pass", "CA-DISC-MENTION" },
        { "CA", "my routine #collab", "fail", "CA-DISC-MENTION" },
    };

    [Theory]
    [MemberData(nameof(Captions))]
    public void Each_market_reads_its_accepted_and_rejected_mentions(string market, string caption, string verdict, string rule)
    {
        var result = Check(market, caption);
        Assert.Equal(verdict, result.Verdict);
        Assert.Contains(result.Findings, f => f.Rule == rule && f.Severity == verdict);
        Assert.All(result.Findings, f => Assert.False(string.IsNullOrEmpty(f.Source)));
        Assert.Equal("2026-12-07", result.RulesVersion);
    }

    [Fact]
    public void A_mention_after_the_more_cut_fails()
    {
        var caption = new string('x', 10) + " " + string.Join(' ', Enumerable.Repeat("lovely morning routine with the new serum", 4)) + " #ad";
        var result = Check("US", caption);
        Assert.Equal("fail", result.Verdict);
        Assert.Contains("more", result.Findings.Single(f => f.Severity == "fail").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mention_lost_in_a_block_of_hashtags_fails_where_the_market_says_so()
    {
        var result = Check("US", "Morning! #skincare #ad #glow #routine");
        Assert.Equal("fail", result.Verdict);
        Assert.Contains("hashtags", result.Findings.Single(f => f.Severity == "fail").Message, StringComparison.Ordinal);
        Assert.Equal("pass", Check("US", "#ad Morning! #skincare #glow #routine").Verdict);
    }

    [Fact]
    public void Italy_accepts_the_mention_among_the_first_three_hashtags()
    {
        Assert.Equal("pass", Check("IT", "La mia routine del mattino con il nuovo siero #adv #skincare #glow").Verdict);
        Assert.Equal("fail", Check("IT", "La mia routine del mattino con il nuovo siero #skincare #glow #beauty #adv").Verdict);
    }

    [Fact]
    public void Germany_wants_the_mention_at_the_very_front()
    {
        Assert.Equal("fail", Check("DE", "Meine neue Morgenroutine mit dem Serum von @acme – Werbung").Verdict);
        Assert.Equal("pass", Check("DE", "Meine Morgenroutine", label: true).Verdict); // the platform label is accepted there
    }

    [Fact]
    public void The_platform_label_alone_is_not_enough_in_france()
    {
        var result = Check("FR", "Ma routine", label: true);
        Assert.Equal("fail", result.Verdict);
        Assert.Contains("label alone", result.Findings.Single(f => f.Severity == "fail").Message, StringComparison.Ordinal);
        Assert.Contains(result.Findings, f => f.Rule == "ALL-DISC-LABEL" && f.Severity == "pass");
    }

    [Fact]
    public void A_video_needs_the_mention_in_the_video_and_a_spoken_endorsement_without_one_fails()
    {
        Assert.Equal("fail", Check("US", "#ad my routine", format: "reel").Verdict);
        var spoken = Check("US", "#ad my routine", format: "video", spoken: "I love this serum from Acme");
        Assert.Equal("fail", spoken.Verdict);
        Assert.Contains("spoken", spoken.Findings.Single(f => f.Severity == "fail").Message, StringComparison.Ordinal);
        Assert.Equal("pass", Check("US", "#ad my routine", format: "video", spoken: "This video is sponsored by Acme").Verdict);
        Assert.Equal("pass", Check("FR", "Publicité – ma routine", format: "reel", onScreen: "Publicité", timing: "whole_video").Verdict);
    }

    [Fact]
    public void Every_story_frame_must_carry_the_mention_where_required()
    {
        var result = Check("FR", null, format: "story", frames: ["Publicité", "Ma routine", "Publicité – code ACME10"]);
        Assert.Equal("fail", result.Verdict);
        Assert.Contains("frame(s) 2 of 3", result.Findings.Single(f => f.Severity == "fail").Message, StringComparison.Ordinal);
        Assert.Equal("pass", Check("FR", null, format: "story", frames: ["Publicité", "Publicité", "#Publicité"]).Verdict);
    }

    [Fact]
    public void France_requires_the_retouched_and_virtual_images_mentions()
    {
        var retouched = Check("FR", "Publicité – ma routine", retouched: true);
        Assert.Equal("fail", retouched.Verdict);
        Assert.Contains(retouched.Findings, f => f.Rule == "FR-DISC-RETOUCHED" && f.Severity == "fail");
        Assert.Equal("pass", Check("FR", "Publicité – Images retouchées – ma routine", retouched: true).Verdict);
        Assert.Contains(Check("FR", "Publicité", ai: true).Findings, f => f.Rule == "FR-DISC-VIRTUAL" && f.Severity == "fail");
        Assert.Equal("pass", Check("FR", "Publicité", onScreen: "Images virtuelles", ai: true).Verdict);
    }

    [Theory]
    [InlineData("cosmetic_surgery", "block")]
    [InlineData("nicotine", "block")]
    [InlineData("unregistered_crypto", "block")]
    [InlineData("gambling", "warn")]
    [InlineData("other", "pass")]
    public void France_blocks_banned_categories_whatever_the_wording(string category, string verdict) =>
        Assert.Equal(verdict, Check("FR", "Publicité – ma routine", category: category).Verdict);

    [Fact]
    public void No_commercial_relationship_needs_no_disclosure() =>
        Assert.Equal("pass", Check("US", "just my routine", compensation: "none").Verdict);

    [Fact]
    public void A_rejected_term_next_to_an_accepted_one_is_a_warning()
    {
        var result = Check("US", "#ad #spon my routine");
        Assert.Equal("warn", result.Verdict);
    }

    [Fact]
    public void The_rules_are_data_every_rule_has_a_source_and_a_known_kind()
    {
        var latest = DisclosureRules.Versions[^1];
        Assert.All(latest.Rules, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Source), r.Id);
            Assert.Contains(r.Kind, new[] { "mention", "extra_mention", "category", "label", "health_message" });
            Assert.DoesNotContain("DOMAIN", r.Source, StringComparison.Ordinal); // the legal text, never our own documents
            Assert.Contains(r.Severity, new[] { "fail", "warn", "block" });
        });
        Assert.Equal(["CA", "DE", "ES", "FR", "GB", "IT", "US"], DisclosureRules.Markets);
    }

    [Fact]
    public void A_new_market_is_a_data_change()
    {
        var json = """
            {"versions":[{"version":"2027-01-01","effectiveFrom":"2027-01-01","rules":[
              {"id":"NL-DISC-MENTION","market":"NL","kind":"mention","severity":"fail","source":"Reclamecode Social Media & Influencer Marketing 2022",
               "accepted":["#ad","advertentie","#advertentie"],"rejected":["#spon"],"placement":"upfront"}]}]}
            """;
        var rules = DisclosureRules.Parse(json);
        Assert.Equal("pass", DisclosureEngine.Evaluate(new DisclosureInput("NL", "instagram", "post", "#advertentie mijn routine", null, null, null, false, "paid", false, false, null), rules).Verdict);
        Assert.Equal("fail", DisclosureEngine.Evaluate(new DisclosureInput("NL", "instagram", "post", "mijn routine #spon", null, null, null, false, "paid", false, false, null), rules).Verdict);
    }
}
