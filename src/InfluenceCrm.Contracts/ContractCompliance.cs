namespace InfluenceCrm.Contracts;

/// <summary>
/// What the checks know of a contract: its terms, the creator's record (Creators module: minority, registered country, the
/// holders of parental authority it names), the campaign's markets (Campaigns module) and whether the EUR 1,000 threshold is
/// reached with it (null: undetermined, for want of a rate or of any stated amount), with why.
/// </summary>
/// <param name="ParentalAuthorityHolders">The names the creator's record gives as holding parental authority (null or empty: none recorded).</param>
/// <param name="ThresholdText">The wording of <paramref name="ThresholdWhy"/> (reached, under, no-amount, no-rate), its values in <paramref
/// name="ThresholdArgs"/>.</param>
internal sealed record ComplianceInput(ContractTerms Terms, bool CreatorIsMinor, IReadOnlyList<string> CampaignMarkets, bool? ThresholdReached,
    string ThresholdWhy, string? CreatorCountry = null, IReadOnlyList<string>? ParentalAuthorityHolders = null, string? CampaignId = null,
    string ThresholdText = "", IReadOnlyDictionary<string, string>? ThresholdArgs = null);

/// <param name="Source">The legal text the rule applies, never our own documents.</param>
/// <param name="Text">Which wording of the rule the message is (the rule id, or the rule id and a variant: FR-CONTRACT-REMUNERATION.in-kind), for a
/// reader's language; <paramref name="Args"/> holds its values (codes, ISO dates, amounts in EUR cents), so a console writes it without parsing
/// English.</param>
public sealed record ComplianceFinding(string Rule, string Severity, string Message, string Source, string? Text = null,
    IReadOnlyDictionary<string, string>? Args = null);

/// <summary>What a check says, once in English (the API's message) and once as a wording key with its values (for other languages).</summary>
public sealed record Said(string Text, string Message, IReadOnlyDictionary<string, string>? Args = null);

/// <summary>Whether French influencer law governs the relationship, decided by facts, and why.</summary>
/// <param name="Applies">True, false, or null when the facts do not decide it (then the French checks run as warnings).</param>
/// <param name="Undecided">When undecided: each missing fact or open question, one finding each.</param>
/// <param name="Text">The wording of the reason (applies.influencer-in-france…), with its values in <paramref name="Args"/>, for a reader's language.</param>
/// <param name="UndecidedTexts">The wording of each undecided item, in the same order.</param>
public sealed record Applicability(bool? Applies, string Reason, string Source, IReadOnlyList<string>? Undecided = null, string? Text = null,
    IReadOnlyDictionary<string, string>? Args = null, IReadOnlyList<string>? UndecidedTexts = null);

/// <summary>
/// The legal checks of a contract, as data. Which rules run is decided by facts (where the influencer or their agency is
/// established, which public the content targets), not by the governing-law field; the clause rules of a written
/// contract are errors at or above the EUR 1,000 threshold and warnings below it. Each rule has an id, a severity
/// (error blocks signature; warning is for a lawyer to look at), its legal source and a check returning the message
/// when the contract fails it.
/// </summary>
internal static class ContractCompliance
{
    public const string RulesVersion = "2026-12-07";

    /// <param name="Clause">A mandatory clause of the written contract: an error at or above the threshold, a warning below.</param>
    private sealed record Rule(string Id, bool French, string Severity, string Source, Func<ComplianceInput, Said?> Check, bool Clause = false);

    private static Said Says(string id, string message, params (string Key, string Value)[] args) =>
        new(id, message, args.Length == 0 ? null : args.ToDictionary(a => a.Key, a => a.Value));

    private const string Loi2023 = "Loi n° 2023-451 du 9 juin 2023, art. 8 (ordonnance n° 2024-978)";
    private const string Scope = ContractApplicability.Scope;

    public static readonly string[] BannedInFrance =
        ["cosmetic_surgery", "medical_treatment_substitute", "nicotine", "unlisted_animal", "risky_financial_product", "unregistered_crypto",
            "sports_betting_tips"];

    /// <summary>The European Economic Area: the EU states, Iceland, Liechtenstein and Norway.</summary>
    public static readonly IReadOnlySet<string> Eea = new HashSet<string>(StringComparer.Ordinal)
    {
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI",
            "ES", "SE",
        "IS", "LI", "NO",
    };

    private static readonly Rule[] Rules =
    [
        new("FR-CONTRACT-PARTIES", true, "error", Loi2023 + " — identité des parties", i => Parties(i.Terms), Clause: true),
        new("FR-CONTRACT-MISSIONS", true, "error", Loi2023 + " — nature des missions confiées",
            i => i.Terms.Missions is { Count: > 0 } m && m.All(x => !string.IsNullOrWhiteSpace(x.Description)) ? null
                : Says("FR-CONTRACT-MISSIONS", "The missions entrusted are not described (missions)."), Clause: true),
        new("FR-CONTRACT-REMUNERATION", true, "error", Loi2023 + " — rémunération ou modalités de sa détermination, avantages en nature compris",
            i => i.Terms.Remuneration is { } r && (r.Fee is not null || r.InKindValue is not null || !string.IsNullOrWhiteSpace(r.PaymentTerms))
                ? r.InKindValue is not null && string.IsNullOrWhiteSpace(r.InKindDescription)
                    ? Says("FR-CONTRACT-REMUNERATION.in-kind", "The in-kind benefit has a value but no description (remuneration.inKindDescription).") : null
                : Says("FR-CONTRACT-REMUNERATION", "The remuneration, or how it is set, is missing (remuneration.fee, inKindValue or paymentTerms)."),
                Clause: true),
        new("FR-CONTRACT-IP", true, "error", Loi2023 + " — droits et obligations, y compris propriété intellectuelle",
            i => string.IsNullOrWhiteSpace(i.Terms.IntellectualProperty)
                ? Says("FR-CONTRACT-IP", "The rights and obligations clause, including intellectual property, is missing (intellectualProperty).") : null,
            Clause: true),
        new("FR-GOVERNING-LAW-MISSING", true, "error", Loi2023 + " — soumission du contrat au droit français",
            i => i.Terms.GoverningLaw is null
                ? Says("FR-GOVERNING-LAW-MISSING",
                "No governing law is stated (governingLaw): where the French rules apply the contract must designate French law.") : null,
            Clause: true),
        new("FR-GOVERNING-LAW-OTHER", true, "error", Loi2023 + " — soumission du contrat au droit français; " + Scope,
            i => i.Terms.GoverningLaw is { } law && law != "FR"
                ? Says("FR-GOVERNING-LAW-OTHER",
                $"The contract designates {law} law, but the French rules apply ({Applies(i).Reason}): it must designate French law.",
                    ("law", law)) : null),
        new("FR-CONTRACT-USAGE-RIGHTS-SCOPE", true, "warning", "Code de la propriété intellectuelle, art. L131-3", i => UsageRightsUndelimited(i.Terms)),
        new("FR-CONTRACT-USAGE-RIGHTS-BLANKET", true, "warning", "Code de la propriété intellectuelle, art. L131-1 et L131-3",
            i => UsageRightsBlanket(i.Terms)),
        new("FR-MINOR-REPRESENTATIVES", false, "error", "Loi n° 2020-1266 du 19 octobre 2020, art. 3 (enfants influenceurs); Code civil, art. 371-1 et 372",
            i => i.CreatorIsMinor ? MinorSignatures(i.Terms) : null),
        new("FR-MINOR-PARENTAL-AUTHORITY", false, "error",
            "Code civil, art. 372 (autorité parentale exercée en commun); loi n° 2020-1266 du 19 octobre 2020, art. 3",
            i => i.CreatorIsMinor && ParentalAuthority.Mismatch(i.Terms, i.ParentalAuthorityHolders) is { } m
                ? Says("FR-MINOR-PARENTAL-AUTHORITY", m, ("holders", string.Join(", ", i.ParentalAuthorityHolders ?? []))) : null),
        new("FR-BANNED-CATEGORY", true, "error", "Loi n° 2023-451, art. 4 (promotions interdites)",
            i => i.Terms.ProductCategory is { } c && BannedInFrance.Contains(c)
                ? Says("FR-BANNED-CATEGORY", $"Influencers may not promote {c.Replace('_', ' ')} in France.", ("category", c)) : null),
        new("FR-GAMBLING", true, "warning", "Loi n° 2023-451, art. 4 (jeux d'argent et de hasard)",
            i => i.Terms.ProductCategory == "gambling"
                ? Says("FR-GAMBLING", "Gambling may be promoted only on platforms able to exclude minors from the audience.") : null),
        new("FR-ALCOHOL-EVIN", true, "warning", "Code de la santé publique, art. L3323-2 à L3323-4 (loi Évin), rappelés par la loi n° 2023-451, art. 5",
            i => i.Terms.ProductCategory == "alcohol"
                ? Says("FR-ALCOHOL-EVIN",
                "Alcohol: the content must carry \"L'abus d'alcool est dangereux pour la santé\", stay objective (origin, composition, " +
                "degree, way of making and of consuming), never aim at young people or tie alcohol to sport; state it in the disclosure obligations.")
                : null),
    ];

    public static Applicability Applies(ComplianceInput input) => ContractApplicability.Decide(input);

    public static IReadOnlyList<ComplianceFinding> Check(ComplianceInput input)
    {
        var applies = Applies(input);
        var findings = new List<ComplianceFinding>();
        if (applies.Applies is null)
        {
            var texts = applies.UndecidedTexts ?? [];
            findings.AddRange((applies.Undecided ?? [applies.Reason + "."]).Select((u, n) => new ComplianceFinding("FR-APPLICABILITY", "warning",
                $"Whether French influencer law applies is undetermined: {u} The French checks are shown as warnings until it is decided.", applies.Source,
                "FR-APPLICABILITY." + (n < texts.Count ? texts[n] : applies.Text), applies.Args)));
        }

        if (applies.Applies != false && input.ThresholdReached is null)
        {
            findings.Add(new(WrittenContractThreshold.RuleId, "warning", $"Whether a written contract is mandatory is undetermined: {input.ThresholdWhy}",
                WrittenContractThreshold.Source, WrittenContractThreshold.RuleId + "." + input.ThresholdText, input.ThresholdArgs));
        }

        foreach (var rule in RulesFor(applies))
        {
            if (rule.Check(input) is not { } said)
            {
                continue;
            }

            var (message, args) = (said.Message, said.Args);
            var severity = rule.Severity;
            if (rule.Clause && input.ThresholdReached != true)
            {
                severity = "warning";
                message += $" Recommended: a written contract is mandatory only from EUR 1,000 a year ({input.ThresholdWhy})";
                args = new Dictionary<string, string>(args ?? new Dictionary<string, string>()) { ["recommendedOnly"] = "true" };
            }

            if (rule.French && applies.Applies is null)
            {
                severity = "warning";
            }

            findings.Add(new(rule.Id, severity, message, rule.Source, said.Text, args));
        }

        return findings;
    }

    /// <summary>False with any error; null when a fact it rests on is unknown (applicability, or the threshold where the French rules apply).</summary>
    public static bool? Compliant(ComplianceInput input, IReadOnlyList<ComplianceFinding> findings)
    {
        var applies = Applies(input).Applies;
        return findings.Any(f => f.Severity == "error") ? false : applies is null || applies == true && input.ThresholdReached is null ? null : true;
    }

    private static IEnumerable<Rule> RulesFor(Applicability applies) => Rules.Where(r => !r.French || applies.Applies != false);

    public static IReadOnlyList<string> RulesApplied(ComplianceInput input) => RulesFor(Applies(input)).Select(r => r.Id).ToList();

    private static Said? UsageRightsUndelimited(ContractTerms t)
    {
        var gaps = (t.UsageRights ?? []).Select((u, i) => (Index: i, Missing: new[]
        {
            u.Rights is { Count: > 0 } ? null : "rights", u.Channels is { Count: > 0 } ? null : "channels", u.Territories is { Count: > 0 } ? null
                : "territories",
            u.StartsOn is null ? "startsOn" : null, string.IsNullOrWhiteSpace(u.Purpose) ? "purpose" : null,
        }.OfType<string>().ToList())).Where(x => x.Missing.Count > 0).ToList();
        return gaps.Count == 0 ? null
            : Says("FR-CONTRACT-USAGE-RIGHTS-SCOPE", "Usage rights must state each right with its extent, purpose, place and duration: "
                + string.Join("; ", gaps.Select(g => $"usageRights[{g.Index}] lacks {string.Join(", ", g.Missing)}")) + ".",
                ("fields", string.Join(",", gaps.SelectMany(g => g.Missing.Select(m => $"usageRights[{g.Index}].{m}")))));
    }

    private static Said? UsageRightsBlanket(ContractTerms t)
    {
        var blanket = (t.UsageRights ?? []).Select((u, i) => (u, i)).Where(x => x.u.Rights is { } r && ContractRules.Rights.All(r.Contains)
            && x.u.Channels is { } c && ContractRules.Channels.All(c.Contains) && x.u.Territories is { } ts && ts.Contains("worldwide") && x.u.EndsOn is null)
            .Select(x => x.i).ToList();
        return blanket.Count == 0 ? null
            : Says("FR-CONTRACT-USAGE-RIGHTS-BLANKET",
            $"usageRights[{string.Join(", ", blanket)}] grant every right, on every channel, worldwide, with no end: "
                + "a blanket assignment is not a delimited one; state what the brand needs.", ("rows", string.Join(", ", blanket.Select(b => b + 1))));
    }

    private static Said? MinorSignatures(ContractTerms t)
    {
        var representatives = t.LegalRepresentatives ?? [];
        var holders = representatives.Where(r => r.HoldsParentalAuthority != false).ToList();
        if (holders.Count == 0)
        {
            return Says("FR-MINOR-REPRESENTATIVES", "The creator is a minor: the contract must name who holds parental authority "
                + "(legalRepresentatives[] with holdsParentalAuthority) and carry each one's signature.");
        }

        var unsigned = holders.Where(h => h.Signed != true).Select(h => h.FullName).ToList();
        return unsigned.Count == 0 ? null
            : Says("FR-MINOR-REPRESENTATIVES.unsigned",
            $"The creator is a minor: every holder of parental authority must sign; not signed: {string.Join(", ", unsigned)}.",
                ("names", string.Join(", ", unsigned)));
    }

    private static Said? Parties(ContractTerms t)
    {
        var missing = new List<string>();
        foreach (var (name, party, required) in new[] { ("brand", t.Brand, true), ("creator", t.Creator, true), ("agency", t.Agency, false) })
        {
            if (party is null)
            {
                if (required)
                {
                    missing.Add(name);
                }

                continue;
            }

            if (string.IsNullOrWhiteSpace(party.LegalName)) missing.Add($"{name}.legalName");
            if (string.IsNullOrWhiteSpace(party.PostalAddress)) missing.Add($"{name}.postalAddress");
            if (string.IsNullOrWhiteSpace(party.Email)) missing.Add($"{name}.email");
            if (string.IsNullOrWhiteSpace(party.TaxResidenceCountry)) missing.Add($"{name}.taxResidenceCountry");
        }

        return missing.Count == 0 ? null
            : Says("FR-CONTRACT-PARTIES", $"The identity of the parties is incomplete: {string.Join(", ", missing)}.", ("fields", string.Join(",", missing)));
    }
}
