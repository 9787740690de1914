namespace InfluenceCrm.Contracts;

/// <summary>What the checks know of a contract: its terms and the creator's minority (from the Creators module).</summary>
internal sealed record ComplianceInput(ContractTerms Terms, bool CreatorIsMinor);

public sealed record ComplianceFinding(string Rule, string Severity, string Message, string Source);

/// <summary>
/// The legal checks of a contract, as data: each rule has an id, the law it applies to ("*" for every law), a
/// severity (error blocks signature; warning is for a lawyer to look at), its source, and a check that returns the
/// message when the contract fails it.
/// </summary>
internal static class ContractCompliance
{
    public const string RulesVersion = "2026-01-01";

    private sealed record Rule(string Id, string Law, string Severity, string Source, Func<ComplianceInput, string?> Check);

    private const string Loi2023 = "Loi n° 2023-451 du 9 juin 2023, art. 8 (ordonnance n° 2024-978)";

    public static readonly string[] BannedInFrance =
        ["cosmetic_surgery", "medical_treatment_substitute", "nicotine", "unlisted_animal", "risky_financial_product", "unregistered_crypto", "sports_betting_tips"];

    private static readonly Rule[] Rules =
    [
        new("FR-CONTRACT-PARTIES", "FR", "error", Loi2023 + " — identité des parties", i => Parties(i.Terms)),
        new("FR-CONTRACT-MISSIONS", "FR", "error", Loi2023 + " — nature des missions confiées",
            i => i.Terms.Missions is { Count: > 0 } m && m.All(x => !string.IsNullOrWhiteSpace(x.Description)) ? null : "The missions entrusted are not described (missions)."),
        new("FR-CONTRACT-REMUNERATION", "FR", "error", Loi2023 + " — rémunération ou modalités de sa détermination, avantages en nature compris",
            i => i.Terms.Remuneration is { } r && (r.Fee is not null || r.InKindValue is not null || !string.IsNullOrWhiteSpace(r.PaymentTerms))
                ? r.InKindValue is not null && string.IsNullOrWhiteSpace(r.InKindDescription) ? "The in-kind benefit has a value but no description (remuneration.inKindDescription)." : null
                : "The remuneration, or how it is set, is missing (remuneration.fee, inKindValue or paymentTerms)."),
        new("FR-CONTRACT-IP", "FR", "error", Loi2023 + " — droits et obligations, y compris propriété intellectuelle",
            i => string.IsNullOrWhiteSpace(i.Terms.IntellectualProperty) ? "The rights and obligations clause, including intellectual property, is missing (intellectualProperty)." : null),
        new("FR-CONTRACT-USAGE-RIGHTS-SCOPE", "FR", "warning", "Code de la propriété intellectuelle, art. L131-3",
            i => (i.Terms.UsageRights ?? []).Any(u => u.Channels is not { Count: > 0 } || u.Territories is not { Count: > 0 } || u.StartsOn is null)
                ? "A usage-rights grant does not state each channel, territory and period: French copyright law requires each right to be delimited."
                : null),
        new("FR-MINOR-REPRESENTATIVES", "*", "error", "Loi n° 2020-1266 du 19 octobre 2020 (enfants influenceurs); Code civil, art. 388-1-1",
            i => i.CreatorIsMinor && !(i.Terms.LegalRepresentatives is { Count: > 0 } r && r.All(x => x.Signed == true))
                ? "The creator is a minor: the contract needs the signature of the legal representatives (legalRepresentatives[].signed)."
                : null),
        new("FR-BANNED-CATEGORY", "FR", "error", "Loi n° 2023-451, art. 4 (promotions interdites)",
            i => i.Terms.ProductCategory is { } c && BannedInFrance.Contains(c) ? $"Influencers may not promote {c.Replace('_', ' ')} in France." : null),
        new("FR-GAMBLING", "FR", "warning", "Loi n° 2023-451, art. 4 (jeux d'argent et de hasard)",
            i => i.Terms.ProductCategory == "gambling" ? "Gambling may be promoted only on platforms able to exclude minors from the audience." : null),
        new("GOVERNING-LAW", "*", "warning", Loi2023 + " — le droit français s'applique aux contrats visant le public français",
            i => i.Terms.GoverningLaw is null ? "No governing law is stated (governingLaw); for the French public it must be French law." : null),
    ];

    public static IReadOnlyList<ComplianceFinding> Check(ComplianceInput input) =>
        Rules.Where(r => r.Law == "*" || r.Law == input.Terms.GoverningLaw)
            .Select(r => (Rule: r, Message: r.Check(input)))
            .Where(x => x.Message is not null)
            .Select(x => new ComplianceFinding(x.Rule.Id, x.Rule.Severity, x.Message!, x.Rule.Source))
            .ToList();

    public static IReadOnlyList<string> RulesFor(string? law) => Rules.Where(r => r.Law == "*" || r.Law == law).Select(r => r.Id).ToList();

    private static string? Parties(ContractTerms t)
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

        return missing.Count == 0 ? null : $"The identity of the parties is incomplete: {string.Join(", ", missing)}.";
    }
}
