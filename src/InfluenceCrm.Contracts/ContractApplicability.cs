namespace InfluenceCrm.Contracts;

/// <summary>A fact a compliance answer rests on and where it came from; a null value is not known, and the source says where it was looked for.</summary>
/// <param name="SourceText">The wording of the source (contract, record, campaign, unknown…), for a reader's language.</param>
public sealed record ComplianceFact(string Fact, string? Value, string Source, string? SourceText = null);

/// <summary>
/// Whether French influencer law governs the contract, decided from facts and never from the governing-law field: where the
/// influencer (or their agency) is established, and which public the content targets. Each fact is taken from the contract
/// first, then from what the product already holds (the creator's registered country, the campaign's markets), and says so.
/// </summary>
internal static class ContractApplicability
{
    public const string Scope =
        "Loi n° 2023-451, art. 1 et 8, dans sa rédaction issue de l'ordonnance n° 2024-978 du 6 novembre 2024 (champ d'application territorial)";
    private const string Drom =
        "Constitution du 4 octobre 1958, art. 73 (départements et régions d'outre-mer : les lois et règlements y sont applicables de plein droit)";
    private const string Com = "Constitution du 4 octobre 1958, art. 74 et titre XIII (collectivités d'outre-mer et Nouvelle-Calédonie : statut particulier)";

    /// <summary>The overseas départements and régions: France, where French law applies as of right.</summary>
    public static readonly IReadOnlyDictionary<string, string> OverseasDepartments = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["GP"] = "Guadeloupe",
        ["MQ"] = "Martinique",
        ["GF"] = "Guyane",
        ["RE"] = "La Réunion",
        ["YT"] = "Mayotte",
    };

    /// <summary>The overseas collectivities and New Caledonia, each with its own statute: whether the law reaches them is not decided here.</summary>
    public static readonly IReadOnlyDictionary<string, string> OverseasCollectivities = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["BL"] = "Saint-Barthélemy",
        ["MF"] = "Saint-Martin",
        ["PM"] = "Saint-Pierre-et-Miquelon",
        ["WF"] = "Wallis-et-Futuna",
        ["PF"] = "Polynésie française",
        ["NC"] = "Nouvelle-Calédonie",
    };

    private static bool IsFrance(string? country) => country == "FR" || country is not null && OverseasDepartments.ContainsKey(country);

    private static string Named(string country) =>
        OverseasDepartments.TryGetValue(country, out var d) ? $"{d} ({country}), which is France"
        : OverseasCollectivities.TryGetValue(country, out var c) ? $"{c} ({country})" : country;

    public static (string? Country, string Source) Influencer(ComplianceInput i) =>
        i.Terms.Creator?.EstablishedIn is { } established ? (established, "the contract: creator.establishedIn")
        : i.Terms.Creator?.TaxResidenceCountry is { } tax ? (tax, "the contract: creator.taxResidenceCountry (creator.establishedIn is not stated)")
        : i.CreatorCountry is { } registered
            ? (registered,
            "the creator's record (Creators module): registered country (the contract states neither creator.establishedIn nor creator.taxResidenceCountry)")
        : (null, "not known: the contract states neither creator.establishedIn nor creator.taxResidenceCountry, and the creator's record has no country");

    public static (string? Country, string Source) Agency(ComplianceInput i) =>
        i.Terms.Agency is null ? (null, "the contract names no agency")
        : i.Terms.Agency.EstablishedIn is { } established ? (established, "the contract: agency.establishedIn")
        : i.Terms.Agency.TaxResidenceCountry is { } tax ? (tax, "the contract: agency.taxResidenceCountry (agency.establishedIn is not stated)")
        : (null, "not known: the contract states neither agency.establishedIn nor agency.taxResidenceCountry");

    public static (string? Country, string Source) Brand(ComplianceInput i) =>
        i.Terms.Brand?.EstablishedIn is { } established ? (established, "the contract: brand.establishedIn")
        : i.Terms.Brand?.TaxResidenceCountry is { } tax ? (tax, "the contract: brand.taxResidenceCountry (brand.establishedIn is not stated)")
        : (null, "not known: the contract states neither brand.establishedIn nor brand.taxResidenceCountry, "
                 + "and the product keeps no establishment for the brand's workspace");

    public static (IReadOnlyList<string> Markets, string Source) Markets(ComplianceInput i) =>
        i.Terms.TargetMarkets is { Count: > 0 } given ? (given, "the contract: targetMarkets")
        : i.CampaignMarkets.Count > 0
            ? (i.CampaignMarkets,
            $"the campaign's markets (Campaigns module, {i.CampaignId ?? "the contract's campaign"}; the contract states no targetMarkets)")
        : (Array.Empty<string>(), i.CampaignId is null
            ? "not known: the contract states no targetMarkets and is for no campaign whose markets would stand in"
            : $"not known: the contract states no targetMarkets and campaign {i.CampaignId} has no markets");

    /// <summary>
    /// The French rules apply when the influencer (or their agency) is established in France — overseas départements
    /// included — or is established outside the EEA and the content targets the public in France; an influencer
    /// established in another EEA state follows that state's law (country of origin). Unknown facts leave it undecided,
    /// each named in <see cref="Applicability.Undecided"/>.
    /// </summary>
    public static Applicability Decide(ComplianceInput input)
    {
        var (influencer, influencerSource) = Influencer(input);
        var (agency, _) = Agency(input);
        var (markets, marketsSource) = Markets(input);
        string SourceFor(params string?[] countries) =>
            Scope + (countries.Any(c => c is not null && OverseasDepartments.ContainsKey(c)) ? "; " + Drom : "")
                  + (countries.Any(c => c is not null && OverseasCollectivities.ContainsKey(c)) ? "; " + Com : "");
        Applicability Undecided(string reason, IReadOnlyList<string> undecided, string text, IReadOnlyList<string> texts, Dictionary<string, string> args,
            params string?[] countries) => new(null, reason, SourceFor(countries), undecided, text, args, texts);
        var args = new Dictionary<string, string>();
        if (influencer is not null) args["influencerCountry"] = influencer;
        if (agency is not null) args["agencyCountry"] = agency;
        if (markets.Count > 0) args["markets"] = string.Join(",", markets);

        if (IsFrance(influencer))
        {
            return new(true, $"the influencer is established in {Named(influencer!)}", SourceFor(influencer), Text: "influencer-in-france", Args: args);
        }

        if (IsFrance(agency))
        {
            return new(true, $"the influencer's agency is established in {Named(agency!)}", SourceFor(agency), Text: "agency-in-france", Args: args);
        }

        foreach (var (who, country) in new[] { ("the influencer", influencer), ("the influencer's agency", agency) })
        {
            if (country is not null && OverseasCollectivities.ContainsKey(country))
            {
                var why = $"{who} is established in {Named(country)}, an overseas collectivity with its own statute: "
                          + "whether the French influencer rules reach it is for a lawyer to decide";
                args["country"] = country;
                var text = who == "the influencer" ? "influencer-overseas-collectivity" : "agency-overseas-collectivity";
                return Undecided(why, [why + "."], text, [text], args, country);
            }
        }

        if (influencer is null)
        {
            var missing = new List<string> { $"Where the influencer is established is {influencerSource}; state creator.establishedIn." };
            List<string> texts = ["influencer-unknown"];
            if (markets.Count == 0)
            {
                missing.Add($"Which public the content targets is {marketsSource}; state targetMarkets.");
                texts.Add("markets-unknown");
            }

            var targets = markets.Count == 0 ? "no target market is known" : $"the content targets {string.Join(", ", markets)}";
            return Undecided($"where the influencer is established is not known and {targets}", missing,
                markets.Count == 0 ? "influencer-and-markets-unknown" : "influencer-unknown", texts, args);
        }

        if (ContractCompliance.Eea.Contains(influencer))
        {
            return new(false, $"the influencer is established in {influencer}, an EEA state: its law applies (country of origin)", Scope,
                Text: "influencer-in-eea",
                Args: args);
        }

        if (markets.Count == 0)
        {
            return Undecided($"the influencer is established outside the EEA ({influencer}) and no target market is known",
                [$"Which public the content targets is {marketsSource}; state targetMarkets (for an influencer established outside the EEA it decides)."],
                "outside-eea-markets-unknown", ["outside-eea-markets-unknown"], args);
        }

        if (markets.FirstOrDefault(IsFrance) is { } france)
        {
            args["country"] = france;
            return new(true, $"the influencer is established outside the EEA ({influencer}) and the content targets the public in {Named(france)}",
                SourceFor(france), Text: "outside-eea-targets-france", Args: args);
        }

        if (markets.FirstOrDefault(OverseasCollectivities.ContainsKey) is { } collectivity)
        {
            var why = $"the influencer is established outside the EEA ({influencer}) and the content targets {Named(collectivity)}, an overseas collectivity "
                      + "with its own statute: whether its public counts as the public in France is for a lawyer to decide";
            args["country"] = collectivity;
            return Undecided(why, [why + "."], "outside-eea-targets-overseas-collectivity", ["outside-eea-targets-overseas-collectivity"], args, collectivity);
        }

        return new(false, $"the influencer is established outside the EEA ({influencer}) and the content targets {string.Join(", ", markets)}, not France",
            Scope, Text: "outside-eea-not-france", Args: args);
    }

    /// <summary>Where a party's establishment was read: established (the contract says it), tax (its tax residence stands in), record, or unknown.</summary>
    private static string SourceKind(Party? party, string? found, string? recorded) =>
        party?.EstablishedIn is not null ? "established" : party?.TaxResidenceCountry is not null ? "tax" : found is not null && found == recorded ? "record"
            : "unknown";

    /// <summary>Every fact the answer rests on, each with its source.</summary>
    public static IReadOnlyList<ComplianceFact> Facts(ComplianceInput input)
    {
        var (influencer, influencerSource) = Influencer(input);
        var (agency, agencySource) = Agency(input);
        var (brand, brandSource) = Brand(input);
        var (markets, marketsSource) = Markets(input);
        var facts = new List<ComplianceFact>
        {
            new("influencerEstablishment", influencer, influencerSource, "influencer." + SourceKind(input.Terms.Creator, influencer, input.CreatorCountry)),
            new("agencyEstablishment", agency, agencySource, "agency." + (input.Terms.Agency is null ? "none" : SourceKind(input.Terms.Agency, agency, null))),
            new("brandEstablishment", brand, brandSource, "brand." + SourceKind(input.Terms.Brand, brand, null)),
            new("targetMarkets", markets.Count == 0 ? null : string.Join(", ", markets), marketsSource,
                "markets." + (input.Terms.TargetMarkets is { Count: > 0 } ? "contract" : input.CampaignMarkets.Count > 0 ? "campaign" : "unknown")),
            new("creatorIsMinor", input.CreatorIsMinor ? "true" : "false",
                "the creator's record (Creators module): isMinor, or a birth date under 18 years ago", "minor.record"),
        };
        if (input.CreatorIsMinor)
        {
            facts.Add(new("parentalAuthorityHolders", input.ParentalAuthorityHolders is { Count: > 0 } holders ? string.Join(", ", holders) : null,
                "the creator's record (Creators module): legalRepresentatives with holdsParentalAuthority", "holders.record"));
        }

        facts.Add(new("writtenContractThresholdReached", input.ThresholdReached switch { true => "true", false => "false", null => null }, input.ThresholdWhy,
            "Threshold." + input.ThresholdText));
        return facts;
    }
}
