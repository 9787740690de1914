using InfluenceCrm.Campaigns.Disclosure;

namespace InfluenceCrm.Tests.Campaigns;

/// <summary>
/// The disclosure readings legal asked for, rule by rule with their sources: FTC plain sentences, the language of the post,
/// lives and on-screen duration, UK gifts without brand control, alcohol under the Loi Évin.
/// </summary>
public sealed class DisclosureLawTests
{
    private static string Verdict(string market, string caption, string format = "post", string compensation = "paid", string? onScreen = null, string? language = null,
        string? timing = null, bool? brandControl = null, string? category = null, bool? young = null) =>
        DisclosureEngineTests.Check(market, caption, format, onScreen: onScreen, compensation: compensation, language: language, timing: timing, brandControl: brandControl,
            category: category, young: young).Verdict;

    // FTC, Disclosures 101: a plain sentence near the endorsement discloses a gift; "thanks" or "ambassador" alone does not.
    [Theory]
    [InlineData("Thanks to Acme for the free serum! My skin loves it", "pass")]
    [InlineData("Thank you @acme for sending me these complimentary sneakers", "pass")]
    [InlineData("Thanks to Acme Co. for sponsoring this video", "pass")]
    [InlineData("Thanks @acme! Loving this serum", "fail")]
    [InlineData("Thank you Acme, my skin loves it", "fail")]
    [InlineData("Proud Acme ambassador, loving this serum", "fail")]
    public void A_plain_sentence_discloses_a_gift_in_the_us_a_bare_thanks_does_not(string caption, string verdict) =>
        Assert.Equal(verdict, Verdict("US", caption, compensation: "gifted", language: "en"));

    // Ad Standards Canada; FTC: the disclosure is in the language of the post (given, or detected from the text).
    [Theory]
    [InlineData("CA", "#ad Ma routine du matin avec le sérum, je l'adore", null, "fail")]
    [InlineData("CA", "#commandité Ma routine du matin avec le sérum, je l'adore", null, "pass")]
    [InlineData("CA", "#ad My morning routine with the serum and I love it", null, "pass")]
    [InlineData("CA", "#ad Short caption", "fr", "fail")]
    [InlineData("US", "#ad Mi rutina de mañana con el sérum, es muy buena", "es", "fail")]
    [InlineData("ES", "#ad Mi rutina de mañana con el sérum", "es", "pass")] // "ad" is used in Spanish too
    public void The_disclosure_is_in_the_language_of_the_post(string market, string caption, string? language, string verdict) =>
        Assert.Equal(verdict, Verdict(market, caption, language: language));

    // FTC and Medienanstalten: repeated during a live; FR: kept for the whole video; IT: an overlay at the start.
    [Theory]
    [InlineData("US", "live", "#ad live now", "#ad", "start", "fail")]
    [InlineData("US", "live", "#ad live now", "#ad", "repeated", "pass")]
    [InlineData("US", "live", "#ad live now", "#ad", null, "warn")]
    [InlineData("DE", "live", "Werbung: live", "Werbung", "start", "fail")]
    [InlineData("FR", "reel", "Publicité – ma routine", "Publicité", "start", "fail")]
    [InlineData("FR", "reel", "Publicité – ma routine", "Publicité", "whole_video", "pass")]
    [InlineData("IT", "reel", "#adv la mia routine", "#adv", "end", "fail")]
    [InlineData("IT", "reel", "#adv la mia routine", "#adv", "start", "pass")]
    public void Videos_and_lives_show_the_disclosure_as_long_as_the_market_asks(string market, string format, string caption, string onScreen, string? timing, string verdict) =>
        Assert.Equal(verdict, Verdict(market, caption, format, onScreen: onScreen, timing: timing));

    // CMA/ASA: a gift the brand did not control needs a gift disclosure; brand control makes the post an ad.
    [Theory]
    [InlineData(false, "#gifted My new trainers", "pass")]
    [InlineData(true, "#gifted My new trainers", "warn")] // an ad: "gifted" alone is risky
    [InlineData(true, "#ad #gifted My new trainers", "pass")]
    [InlineData(null, "#gifted My new trainers", "warn")]   // the fact is missing: say whether the brand had control
    public void A_uk_gift_without_brand_control_needs_only_a_gift_disclosure(bool? brandControl, string caption, string verdict) =>
        Assert.Equal(verdict, Verdict("GB", caption, compensation: "gifted", brandControl: brandControl));

    // Code de la santé publique L3323-2 to L3323-4 (loi Évin), applied to influencers by loi 2023-451.
    [Theory]
    [InlineData("Publicité – mon vin du moment", null, "fail")]
    [InlineData("Publicité – mon vin du moment. L'abus d'alcool est dangereux pour la santé", null, "warn")]
    [InlineData("Publicité – mon vin du moment. L'abus d'alcool est dangereux pour la santé", true, "block")]
    public void Alcohol_in_france_needs_the_health_message_and_never_aims_at_young_people(string caption, bool? young, string verdict)
    {
        var result = DisclosureEngineTests.Check("FR", caption, category: "alcohol", young: young);
        Assert.Equal(verdict, result.Verdict);
        Assert.Contains(result.Findings, f => f.Rule == "FR-ALCOHOL-EVIN" && f.Source.Contains("L3323-2", StringComparison.Ordinal));
    }

    [Fact]
    public void Realistic_categories_pass_where_no_rule_restricts_them()
    {
        foreach (var category in new[] { "cosmetics", "fashion", "food", "beverages", "finance", "health", "travel", "tech" })
        {
            Assert.Equal("pass", DisclosureEngineTests.Check("FR", "Publicité – ma routine", category: category).Verdict);
        }
    }

    [Fact]
    public void A_past_verdict_keeps_the_rules_it_used()
    {
        var old = DisclosureRules.InForce(new DateOnly(2026, 11, 1));
        Assert.Equal("2026-01-01", old.Version);
        Assert.Equal("2026-11-27", DisclosureRules.InForce(new DateOnly(2026, 11, 27)).Version);
        Assert.DoesNotContain(old.Rules, r => r.Kind == "health_message");
    }
}
