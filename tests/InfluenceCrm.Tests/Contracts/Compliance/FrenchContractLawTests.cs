using InfluenceCrm.Contracts;
using InfluenceCrm.Platform;

namespace InfluenceCrm.Tests.Contracts.Compliance;

/// <summary>
/// French influencer law as legal read it (loi 2023-451 as amended by ordonnance 2024-978; décret 2025-1137; CPI L131-3;
/// CSP L3323-2 s.), rule by rule, each case naming its source. The HTTP side (threshold counting, signature, grants) is in
/// FrenchContractLawApiTests.
/// </summary>
public sealed class FrenchContractLawTests
{
    private static ContractTerms Terms(string? creatorEstablished = null, string? agencyEstablished = null, IReadOnlyList<string>? targets = null, string? law = "FR") => new()
    {
        Brand = new Party("Acme Beauty SAS", "1 rue de la Paix, Paris", "legal@acme.example", "FR"),
        Creator = new Party("Léa Martin", "2 rue Neuve, Lyon", "lea@example.com", creatorEstablished ?? "FR", creatorEstablished),
        Agency = agencyEstablished is null ? null : new Party("Talents Ltd", "10 High St", "hi@talents.example", agencyEstablished, agencyEstablished),
        Missions = [new Mission("One reel", null)],
        Remuneration = new Remuneration(new Money(30_000, "EUR"), null, null, "30 days", null),
        TargetMarkets = targets,
        GoverningLaw = law,
        IntellectualProperty = "The brand receives the rights listed.",
        ProductCategory = "cosmetics",
    };

    private static ComplianceInput Input(ContractTerms terms, bool? threshold = false, IReadOnlyList<string>? campaignMarkets = null, bool minor = false) =>
        new(terms, minor, campaignMarkets ?? [], threshold, "test");

    // Ordonnance 2024-978 (country of origin): established in France, or outside the EEA targeting France.
    [Theory]
    [InlineData("FR", null, "", true)]                  // established in France: whatever the markets
    [InlineData("BE", null, "FR", false)]               // another EEA state: its own law, even for the French public
    [InlineData("NO", null, "FR", false)]               // the EEA, not only the EU
    [InlineData("US", null, "FR,US", true)]             // outside the EEA, targeting France
    [InlineData("US", null, "US,CA", false)]            // outside the EEA, not targeting France
    [InlineData("GB", "FR", "GB", true)]                // the agency is established in France
    [InlineData(null, null, "FR", null)]                // establishment unknown, France targeted: undecided, a warning
    public void Which_law_applies_is_decided_by_establishment_and_target_markets(string? creator, string? agency, string markets, bool? expected)
    {
        var terms = Terms(creator, agency, markets.Length == 0 ? [] : markets.Split(','));
        if (creator is null)
        {
            terms = terms with { Creator = terms.Creator! with { TaxResidenceCountry = null, EstablishedIn = null } };
        }

        var applies = ContractCompliance.Applies(Input(terms));
        Assert.Equal(expected, applies.Applies);
        Assert.Contains("2024-978", applies.Source, StringComparison.Ordinal);
        var findings = ContractCompliance.Check(Input(terms with { IntellectualProperty = null }));
        Assert.Equal(expected != false, findings.Any(f => f.Rule == "FR-CONTRACT-IP"));
        Assert.Equal(expected is null, findings.Any(f => f.Rule == "FR-APPLICABILITY" && f.Severity == "warning"));
    }

    [Fact]
    public void The_campaign_markets_stand_in_for_target_markets()
    {
        var terms = Terms("US");
        Assert.True(ContractCompliance.Applies(Input(terms, campaignMarkets: ["FR"])).Applies);
        Assert.False(ContractCompliance.Applies(Input(terms, campaignMarkets: ["US"])).Applies);
    }

    // Loi 2023-451, art. 8: where the French rules apply the contract designates French law — another law is an error
    // whatever the threshold; none is a missing clause, an error from EUR 1,000 and a recommendation below.
    [Theory]
    [InlineData("BE", false, "FR-GOVERNING-LAW-OTHER", "error")]
    [InlineData("BE", true, "FR-GOVERNING-LAW-OTHER", "error")]
    [InlineData(null, true, "FR-GOVERNING-LAW-MISSING", "error")]
    [InlineData(null, false, "FR-GOVERNING-LAW-MISSING", "warning")]
    public void French_rules_require_french_law_whatever_the_governing_law_field_says(string? law, bool threshold, string rule, string severity)
    {
        var finding = Assert.Single(ContractCompliance.Check(Input(Terms("FR", law: law), threshold)), f => f.Rule.StartsWith("FR-GOVERNING-LAW", StringComparison.Ordinal));
        Assert.Equal((rule, severity), (finding.Rule, finding.Severity));
        Assert.Contains("2023-451", finding.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_contract_under_another_law_is_fine_when_the_french_rules_do_not_apply() =>
        Assert.Empty(ContractCompliance.Check(Input(Terms("BE", targets: ["FR"], law: "BE") with { IntellectualProperty = null })));

    // Décret 2025-1137: the mandatory clauses are requirements at or above EUR 1,000 a year, recommendations below.
    [Theory]
    [InlineData(false, "warning")]
    [InlineData(null, "warning")]
    [InlineData(true, "error")]
    public void Clauses_are_errors_only_at_or_above_the_threshold(bool? reached, string severity)
    {
        var findings = ContractCompliance.Check(Input(Terms("FR") with { IntellectualProperty = null }, reached));
        var finding = Assert.Single(findings, f => f.Rule != "FR-WRITTEN-CONTRACT-THRESHOLD");
        Assert.Equal(("FR-CONTRACT-IP", severity), (finding.Rule, finding.Severity));
        Assert.Equal(reached is null, findings.Any(f => f.Rule == "FR-WRITTEN-CONTRACT-THRESHOLD")); // an undetermined threshold is said, not assumed
        if (reached != true)
        {
            Assert.Contains("Recommended", finding.Message, StringComparison.Ordinal);
        }
    }

    // CPI L131-3: each right with its extent, purpose, place and duration; a blanket assignment is a finding.
    [Fact]
    public void Usage_rights_are_stated_right_by_right_and_a_blanket_scope_is_a_finding()
    {
        var delimited = new UsageRights(["organic_social"], ["FR"], new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), false, true, ["reproduction", "public_display"], "Launch posts");
        Assert.Empty(ContractCompliance.Check(Input(Terms("FR") with { UsageRights = [delimited] })));

        var vague = delimited with { Rights = null, Purpose = null };
        var scope = Assert.Single(ContractCompliance.Check(Input(Terms("FR") with { UsageRights = [vague] })));
        Assert.Equal("FR-CONTRACT-USAGE-RIGHTS-SCOPE", scope.Rule);
        Assert.Contains("rights, purpose", scope.Message, StringComparison.Ordinal);
        Assert.Contains("L131-3", scope.Source, StringComparison.Ordinal);

        var blanket = new UsageRights(ContractRules.Channels, ["worldwide"], new DateOnly(2026, 1, 1), null, true, false, ContractRules.Rights, "Anything");
        var finding = Assert.Single(ContractCompliance.Check(Input(Terms("FR") with { UsageRights = [blanket] })));
        Assert.Equal(("FR-CONTRACT-USAGE-RIGHTS-BLANKET", "warning"), (finding.Rule, finding.Severity));
    }

    // Loi 2020-1266; Code civil art. 371-1, 372: every holder of parental authority signs.
    [Theory]
    [InlineData(true, true, null, true)]    // both holders signed
    [InlineData(true, false, null, false)]  // one holder did not sign
    [InlineData(true, false, false, true)]  // the one who did not sign holds no parental authority
    public void A_minor_s_contract_carries_the_signature_of_every_holder_of_parental_authority(bool firstSigned, bool secondSigned, bool? secondHolds, bool compliant)
    {
        var terms = Terms("FR") with
        {
            LegalRepresentatives = [new RepresentativeSignature("Parent One", "parent", firstSigned, true), new RepresentativeSignature("Step Parent", "other", secondSigned, secondHolds)],
        };
        var findings = ContractCompliance.Check(Input(terms, minor: true));
        Assert.Equal(compliant, findings.All(f => f.Rule != "FR-MINOR-REPRESENTATIVES"));
        var none = ContractCompliance.Check(Input(Terms("FR"), minor: true)).Single(f => f.Rule == "FR-MINOR-REPRESENTATIVES");
        Assert.Contains("holdsParentalAuthority", none.Message, StringComparison.Ordinal);
    }

    // Code de la santé publique L3323-2 to L3323-4 (loi Évin), recalled by loi 2023-451.
    [Fact]
    public void Alcohol_needs_the_health_message_and_objective_content()
    {
        var finding = Assert.Single(ContractCompliance.Check(Input(Terms("FR") with { ProductCategory = "alcohol" })));
        Assert.Equal(("FR-ALCOHOL-EVIN", "warning"), (finding.Rule, finding.Severity));
        Assert.Contains("L'abus d'alcool est dangereux pour la santé", finding.Message, StringComparison.Ordinal);
        Assert.Contains("L3323-2", finding.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_rule_cites_a_legal_text_never_our_own_documents()
    {
        var all = ContractCompliance.Check(Input(new ContractTerms { Creator = new Party(null, null, null, null, "FR"), ProductCategory = "alcohol", UsageRights = [new UsageRights(null, null, null, null, null, null)] },
            true, minor: true));
        Assert.True(all.Count >= 8);
        Assert.All(all, f => Assert.Matches("(Loi|Code|Ordonnance|décret)", f.Source));
        Assert.All(all, f => Assert.DoesNotContain("DOMAIN", f.Source, StringComparison.Ordinal));
    }
}
