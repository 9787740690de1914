using InfluenceCrm.Platform;
using InfluenceCrm.Console;

namespace InfluenceCrm.Contracts.Pages;

/// <summary>
/// A contract's terms as the console's form posts them, each input named by its path in the API's JSON (missions[0].description),
/// so the validator's messages find their input. Rows left blank are dropped; the form always offers one blank row more.
/// </summary>
internal static class TermsForm
{
    public const int MaxRows = 20;

    public static readonly string[] Currencies = ["EUR", "USD", "GBP", "CHF", "CAD"];

    public static ContractTerms Read(PostedForm f, ContractTerms current) => current with
    {
        Brand = Party(f, "brand"),
        Creator = Party(f, "creator"),
        Agency = Party(f, "agency"),
        Missions = Rows(f, "missions", p => f.Text(p + ".description") is null && f.Text(p + ".deliverableId") is null ? null
            : new Mission(f.Text(p + ".description"), f.Text(p + ".deliverableId"))),
        Remuneration = Remuneration(f),
        Milestones = Rows(f, "milestones", p => f.Text(p + ".label") is null && f.Text(p + ".amount.amount") is null && f.Text(p + ".dueOn") is null ? null
            : new MilestoneTerms(f.Text(p + ".label"), f.Money(p + ".amount"), f.Day(p + ".dueOn"))),
        Exclusivity = f.Text("exclusivity.category") is null && f.Split("exclusivity.competitors").Count == 0 ? null
            : new Exclusivity(f.Text("exclusivity.category"), f.Split("exclusivity.competitors"), f.Day("exclusivity.startsOn"), f.Day("exclusivity.endsOn")),
        UsageRights = Rows(f, "usageRights", p => f.Texts(p + ".rights").Count == 0 && f.Texts(p + ".channels").Count == 0
            && f.Text(p + ".purpose") is null ? null
            : new UsageRights(f.Texts(p + ".channels"), f.Texts(p + ".territories"), f.Day(p + ".startsOn"), f.Day(p + ".endsOn"),
            f.Checked(p + ".modificationAllowed"),
                f.Checked(p + ".attributionRequired"), f.Texts(p + ".rights"), f.Text(p + ".purpose"))),
        Disclosure = f.Text("disclosure.wording") is null && f.Text("disclosure.placement") is null ? null
            : new DisclosureObligation(f.Text("disclosure.wording"), f.Text("disclosure.placement")),
        GoverningLaw = f.Text("governingLaw"),
        TargetMarkets = f.Texts("targetMarkets") is { Count: > 0 } markets ? markets : null,
        IntellectualProperty = f.Text("intellectualProperty"),
        ProductCategory = f.Text("productCategory"),
        LegalRepresentatives = Rows(f, "legalRepresentatives", p => f.Text(p + ".fullName") is null ? null
            : new RepresentativeSignature(f.Text(p + ".fullName"), f.Text(p + ".relationship"), f.Checked(p + ".signed"),
            f.Checked(p + ".holdsParentalAuthority"))),
        StartsOn = f.Day("startsOn"),
        EndsOn = f.Day("endsOn"),
    };

    private static Party? Party(PostedForm f, string name)
    {
        var party = new Party(f.Text(name + ".legalName"), f.Text(name + ".postalAddress"), f.Text(name + ".email"), f.Text(name + ".taxResidenceCountry"),
            f.Text(name + ".establishedIn"));
        return party == new Party(null, null, null, null, null) ? null : party;
    }

    private static Remuneration? Remuneration(PostedForm f)
    {
        var r = new Remuneration(f.Money("remuneration.fee"), f.Money("remuneration.inKindValue"), f.Text("remuneration.inKindDescription"),
            f.Text("remuneration.paymentTerms"), f.Decimal("remuneration.eurRate"));
        return r == new Remuneration(null, null, null, null, null) ? null : r;
    }

    private static List<T>? Rows<T>(PostedForm f, string name, Func<string, T?> read)
        where T : class
    {
        var rows = Enumerable.Range(0, MaxRows).Select(i => read($"{name}[{i}]")).OfType<T>().ToList();
        return rows.Count == 0 ? null : rows;
    }

    /// <summary>The French-law starting point of a new contract: the clauses the law asks for, to be completed.</summary>
    public static ContractTerms Template(string? creatorName) => new()
    {
        Brand = new Party(null, null, null, "FR", "FR"),
        Creator = new Party(creatorName, null, null, null, null),
        GoverningLaw = "FR",
        TargetMarkets = ["FR"],
        Disclosure = new DisclosureObligation("Publicité", "upfront"),
    };

    /// <summary>A previous contract's terms for a new one: the same clauses, no signature, milestone or deliverable carried over, the dates to set
    /// again.</summary>
    public static ContractTerms CopyOf(ContractTerms terms) => terms with
    {
        LegalRepresentatives = terms.LegalRepresentatives?.Select(r => r with { Signed = false }).ToList(),
        Milestones = null,
        Missions = terms.Missions?.Select(m => m with { DeliverableId = null }).ToList(),
        StartsOn = null,
        EndsOn = null,
    };

    public static string Amount(Money? money) => money?.Amount is { } minor
        ? (minor / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "";
}
