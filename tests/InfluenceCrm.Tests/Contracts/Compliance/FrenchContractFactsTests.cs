using InfluenceCrm.Contracts;
using InfluenceCrm.Platform;

namespace InfluenceCrm.Tests.Contracts.Compliance;

/// <summary>
/// "Compliant" is never said without the facts (issue #27): which law applies rests on where the influencer is established
/// and which public is targeted — from the contract, else from the creator's record and the campaign's markets, each named
/// as the source; overseas France (Constitution art. 73 and 74); joint parental authority (Code civil art. 372); a contract
/// stating no amount cannot be shown to be under the EUR 1,000 threshold (décret 2025-1137).
/// </summary>
public sealed class FrenchContractFactsTests
{
    private static ContractTerms Terms(string? established, string? tax, IReadOnlyList<string>? targets = null) => new()
    {
        Brand = new Party("Acme Beauty SAS", "1 rue de la Paix, Paris", "legal@acme.example", null),
        Creator = new Party("Léa Martin", "2 rue Neuve, Lyon", "lea@example.com", tax, established),
        Missions = [new Mission("One reel", null)],
        Remuneration = new Remuneration(new Money(30_000, "EUR"), null, null, "30 days", null),
        TargetMarkets = targets,
        GoverningLaw = "FR",
        IntellectualProperty = "The brand receives the rights listed.",
        ProductCategory = "cosmetics",
    };

    private static string[] List(string csv) => csv.Length == 0 ? [] : csv.Split(',');

    // Loi 2023-451 art. 1 and 8 (ordonnance 2024-978): the facts decide; unknown facts make the answer undetermined, each named.
    [Theory]
    [InlineData(null, null, null, "", "", null, "creator.establishedIn|targetMarkets", "not known")]        // nothing known at all
    [InlineData(null, null, null, "US", "", null, "creator.establishedIn", "not known")]                   // markets known, establishment not
    [InlineData("US", null, null, "", "", null, "targetMarkets", "the contract: creator.establishedIn")]     // outside the EEA, no market known
    [InlineData(null, null, "FR", "", "", true, "", "the creator's record (Creators module)")]               // the registered country stands in
    [InlineData(null, "DE", "FR", "", "", false, "", "creator.taxResidenceCountry")]                         // the contract's tax residence first
    [InlineData(null, null, "US", "", "FR", true, "", "the creator's record (Creators module)")]             // the campaign's markets stand in
    [InlineData("US", null, null, "", "US,CA", false, "", "the contract: creator.establishedIn")]
    public void Applicability_rests_on_facts_named_with_their_source(string? established, string? tax, string? registered, string targets, string campaign,
        bool? applies, string missing, string influencerSource)
    {
        var input = new ComplianceInput(Terms(established, tax, List(targets)), false, List(campaign), false, "test", registered, null, "cmp_1");
        var findings = ContractCompliance.Check(input);
        Assert.Equal(applies, ContractCompliance.Applies(input).Applies);
        var undetermined = findings.Where(f => f.Rule == "FR-APPLICABILITY").ToList();
        Assert.Equal(List(missing.Replace('|', ',')).Length, undetermined.Count);
        foreach (var fact in List(missing.Replace('|', ',')))
        {
            Assert.Contains(undetermined, f => f.Message.Contains(fact, StringComparison.Ordinal) && f.Severity == "warning"
                && f.Source.Contains("2024-978", StringComparison.Ordinal));
        }

        Assert.Equal(applies is null ? null : true, ContractCompliance.Compliant(input, findings)); // never "compliant" on unknown facts
        var facts = ContractApplicability.Facts(input).ToDictionary(f => f.Fact);
        Assert.Contains(influencerSource, facts["influencerEstablishment"].Source, StringComparison.Ordinal);
        Assert.All(facts.Values, f => Assert.False(string.IsNullOrWhiteSpace(f.Source)));
        if (campaign.Length > 0 && targets.Length == 0)
        {
            Assert.Contains("Campaigns module, cmp_1", facts["targetMarkets"].Source, StringComparison.Ordinal);
        }
    }

    // Constitution art. 73: the overseas départements and régions are France; art. 74 and title XIII: the collectivities have
    // their own statute, so the answer is undetermined with the reason.
    [Theory]
    [InlineData("GP", "", true, "art. 73")]
    [InlineData("MQ", "", true, "art. 73")]
    [InlineData("GF", "", true, "art. 73")]
    [InlineData("RE", "", true, "art. 73")]
    [InlineData("YT", "", true, "art. 73")]
    [InlineData("US", "RE", true, "art. 73")]   // outside the EEA, targeting La Réunion: the public in France
    [InlineData("US", "YT,US", true, "art. 73")]
    [InlineData("BL", "", null, "art. 74")]
    [InlineData("MF", "", null, "art. 74")]
    [InlineData("PM", "", null, "art. 74")]
    [InlineData("WF", "", null, "art. 74")]
    [InlineData("PF", "", null, "art. 74")]
    [InlineData("NC", "", null, "art. 74")]
    [InlineData("US", "PF", null, "art. 74")]   // targeting French Polynesia only
    [InlineData("BE", "RE", false, "2024-978")] // another EEA state: its own law, overseas targets or not
    public void Overseas_departements_are_france_and_collectivities_are_undetermined(string established, string targets, bool? applies, string source)
    {
        var input = new ComplianceInput(Terms(established, established, List(targets)), false, [], false, "test");
        var applicability = ContractCompliance.Applies(input);
        Assert.Equal(applies, applicability.Applies);
        Assert.Contains(source, applicability.Source, StringComparison.Ordinal);
        if (applies is null)
        {
            var finding = Assert.Single(ContractCompliance.Check(input), f => f.Rule == "FR-APPLICABILITY");
            Assert.Contains("overseas collectivity", finding.Message, StringComparison.Ordinal);
            Assert.Null(ContractCompliance.Compliant(input, ContractCompliance.Check(input)));
        }
    }

    // Décret 2025-1137: a contract stating no amount cannot be shown to be under EUR 1,000 — undetermined, not compliant.
    [Theory]
    [InlineData(null, "FR", null)]   // French rules apply, threshold undetermined: undetermined
    [InlineData(false, "FR", true)]
    [InlineData(null, "BE", true)]   // the French rules do not apply: the threshold does not matter
    public void An_undetermined_threshold_leaves_a_french_contract_undetermined(bool? reached, string established, bool? compliant)
    {
        var input = new ComplianceInput(Terms(established, established), false, [], reached, "no amount stated");
        var findings = ContractCompliance.Check(input);
        Assert.Equal(compliant, ContractCompliance.Compliant(input, findings));
        Assert.Equal(reached is null && established == "FR",
            findings.Any(f => f.Rule == "FR-WRITTEN-CONTRACT-THRESHOLD" && f.Message.Contains("no amount stated", StringComparison.Ordinal)));
        var fact = ContractApplicability.Facts(input).Single(f => f.Fact == "writtenContractThresholdReached");
        Assert.Equal((reached is null ? null : "false", "no amount stated"), (fact.Value, fact.Source));
    }

    [Fact]
    public void The_threshold_items_say_where_each_amount_comes_from()
    {
        var terms = Terms("FR", "FR") with
        {
            Remuneration = new Remuneration(new Money(50_000, "USD"), new Money(10_000, "USD"), "Skincare", null, 0.9m),
            Milestones = [new MilestoneTerms("On signature", new Money(20_000, "USD"), new DateOnly(2026, 3, 1))],
        };
        var items = WrittenContractThreshold.Items(terms, new DateOnly(2026, 1, 15)).ToList();
        Assert.Equal(["milestones[0], dated its dueOn, converted at remuneration.eurRate 0.9",
            "remuneration.fee less the milestones, dated the contract's creation (no startsOn), converted at remuneration.eurRate 0.9",
            "remuneration.inKindValue, dated the contract's creation (no startsOn), converted at remuneration.eurRate 0.9"], items.Select(i => i.Source));
    }

    // Code civil art. 372: parental authority is exercised jointly; the contract names the holders the creator's record names.
    [Theory]
    [InlineData("Anne Martin,Paul Martin", "Anne Martin,Paul Martin", null)]
    [InlineData("Anne Martin,Paul Martin", "Anne Martin", "does not name Paul Martin")]                     // signed by one parent of two
    [InlineData("Anne Martin,Paul Martin", "Anne Martin,Jean Dupont", "Jean Dupont as holding")]
    [InlineData("Anne Martin", "Anne Martin", null)]                                                     // the record names one holder
    [InlineData("Hélène  Martin,Paul Martin", "helene martin,PAUL MARTIN", null)]                        // accents, case and spacing aside
    [InlineData("", "Anne Martin", null)]                                                                 // the record names no holder
    public void A_minor_s_contract_names_every_holder_of_parental_authority_the_record_names(string record, string contract, string? finding)
    {
        var terms = Terms("FR", "FR") with { LegalRepresentatives = [.. List(contract).Select(n => new RepresentativeSignature(n, "parent", true))] };
        var input = new ComplianceInput(terms, true, [], false, "test", null, List(record), null);
        var findings = ContractCompliance.Check(input).Where(f => f.Rule == "FR-MINOR-PARENTAL-AUTHORITY").ToList();
        if (finding is null)
        {
            Assert.Empty(findings);
            return;
        }

        var f = Assert.Single(findings);
        Assert.Equal("error", f.Severity);
        Assert.Contains(finding, f.Message, StringComparison.Ordinal);
        Assert.Contains("art. 372", f.Source, StringComparison.Ordinal);
        Assert.False(ContractCompliance.Compliant(input, ContractCompliance.Check(input)));
        Assert.Contains(ContractApplicability.Facts(input),
            x => x.Fact == "parentalAuthorityHolders" && x.Source.Contains("Creators module", StringComparison.Ordinal));
    }

    [Fact]
    public void The_brand_s_establishment_is_named_as_not_held_by_the_product()
    {
        var facts = ContractApplicability.Facts(new ComplianceInput(Terms("FR", "FR"), false, [], false, "test")).ToDictionary(f => f.Fact);
        Assert.Null(facts["brandEstablishment"].Value);
        Assert.Contains("the product keeps no establishment for the brand's workspace", facts["brandEstablishment"].Source, StringComparison.Ordinal);
    }
}
