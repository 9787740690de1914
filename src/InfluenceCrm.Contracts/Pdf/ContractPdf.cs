using System.Globalization;
using System.Text;
using InfluenceCrm.Console;
using InfluenceCrm.Platform;
using Microsoft.Extensions.Localization;

namespace InfluenceCrm.Contracts.Pdf;

/// <summary>
/// One version of a contract as a PDF, in the contract's language (<see cref="ContractTerms.Language"/>; by default French where
/// French law governs, English otherwise): the parties, the missions, the remuneration and its milestones, exclusivity, the usage
/// rights right by right, the rights and obligations clause, the disclosure, the law, and the clauses French law makes mandatory
/// in plain words (their wording keys are the compliance rules' ids: ContractPdf_Plain_FR-CONTRACT-PARTIES…). Nothing in it
/// depends on the server's culture, clock or ICU data: amounts and dates are written by this class, the creation date is the
/// version's time, so a version's bytes, and its SHA-256, stay the same.
/// </summary>
internal static class ContractPdf
{
    public static readonly string[] PlainClauses =
        ["FR-CONTRACT-PARTIES", "FR-CONTRACT-MISSIONS", "FR-CONTRACT-REMUNERATION", "FR-CONTRACT-IP", "FR-GOVERNING-LAW", "FR-DISCLOSURE",
            "FR-CONTRACT-USAGE-RIGHTS-SCOPE"];

    public static string LanguageOf(ContractTerms terms) => terms.Language ?? (terms.GoverningLaw == "FR" ? "fr" : "en");

    public static byte[] Render(string contractId, string title, int version, DateTimeOffset versionAt, ContractTerms terms)
    {
        var language = LanguageOf(terms);
        var t = ConsoleText.In(CultureInfo.GetCultureInfo(language == "fr" ? "fr-FR" : "en-GB"));
        var fr = language == "fr";
        string S(string key, params object[] args) => args.Length == 0 ? t["ContractPdf_" + key].Value : t["ContractPdf_" + key, args].Value;
        var pages = new PdfPages(title, $"{title} · {S("Version", version, Day(DateOnly.FromDateTime(versionAt.UtcDateTime), fr))}", versionAt);

        pages.Title(S("Heading"));
        pages.Strong(title);
        pages.Paragraph(S("Version", version, Day(DateOnly.FromDateTime(versionAt.UtcDateTime), fr)) + " · " + contractId);

        pages.Heading(S("Parties"));
        Party(pages, S, S("Brand"), terms.Brand, t);
        Party(pages, S, S("Creator"), terms.Creator, t);
        if (terms.Agency is not null)
        {
            Party(pages, S, S("Agency"), terms.Agency, t);
        }

        foreach (var r in terms.LegalRepresentatives ?? [])
        {
            pages.Bullet(S("Representative") + " " + r.FullName + (r.Relationship is null ? "" : $" ({r.Relationship})"));
        }

        pages.Heading(S("Missions"));
        foreach (var m in terms.Missions ?? [])
        {
            pages.Bullet(m.Description ?? "—");
        }

        if (terms.StartsOn is not null || terms.EndsOn is not null)
        {
            pages.Label(S("Term"), Period(terms.StartsOn, terms.EndsOn, S, fr));
        }

        pages.Heading(S("Remuneration"));
        var pay = terms.Remuneration;
        pages.Label(S("Fee"), Amount(pay?.Fee, fr));
        pages.Label(S("InKind"), pay?.InKindValue is null && pay?.InKindDescription is null ? null
            : string.Join(" — ", new[] { Amount(pay?.InKindValue, fr), pay?.InKindDescription }.Where(s => !string.IsNullOrWhiteSpace(s))));
        pages.Label(S("PaymentTerms"), pay?.PaymentTerms);
        if (terms.Milestones is { Count: > 0 } milestones)
        {
            pages.Strong(S("Milestones"));
            foreach (var m in milestones)
            {
                pages.Bullet($"{m.Label} — {Amount(m.Amount, fr)} — {S("DueOn")} {Day(m.DueOn, fr)}");
            }
        }

        if (terms.Exclusivity is { } exclusivity)
        {
            pages.Heading(S("Exclusivity"));
            pages.Label(S("Category"), exclusivity.Category);
            pages.Label(S("Competitors"), exclusivity.Competitors is { Count: > 0 } c ? string.Join(", ", c) : null);
            pages.Label(S("Period"), Period(exclusivity.StartsOn, exclusivity.EndsOn, S, fr));
        }

        pages.Heading(S("UsageRights"));
        foreach (var u in terms.UsageRights ?? [])
        {
            foreach (var right in u.Rights is { Count: > 0 } rights ? rights : ["—"])
            {
                pages.Bullet(UsageRight(right, u, t, S, fr));
            }
        }

        pages.Heading(S("IntellectualProperty"));
        pages.Paragraph(terms.IntellectualProperty ?? "—");

        pages.Heading(S("Disclosure"));
        pages.Label(S("Wording"), terms.Disclosure?.Wording ?? "—");
        pages.Label(S("Placement"), terms.Disclosure?.Placement);

        pages.Heading(S("Law"));
        pages.Paragraph(terms.GoverningLaw switch
        {
            null => "—",
            "FR" => S("LawFrench"),
            var law => S("LawOf", Country(t, law)),
        });

        pages.Heading(S("PlainWords"));
        foreach (var clause in PlainClauses)
        {
            pages.Bullet(S("Plain_" + clause));
        }

        pages.Heading(S("Signing"));
        pages.Paragraph(S("SigningText"));
        return pages.Save($"{contractId}/{version}/{versionAt.UtcTicks}");
    }

    private static void Party(PdfPages pages, Func<string, object[], string> s, string role, Party? party, IStringLocalizer t)
    {
        pages.Strong(role + " " + (party?.LegalName ?? "—"));
        pages.Label(s("PostalAddress", []), party?.PostalAddress);
        pages.Label(s("Email", []), party?.Email);
        pages.Label(s("TaxResidence", []), party?.TaxResidenceCountry is { } tax ? Country(t, tax) : null);
        pages.Label(s("EstablishedIn", []), party?.EstablishedIn is { } at ? Country(t, at) : null);
    }

    private static string UsageRight(string right, UsageRights u, IStringLocalizer t, Func<string, object[], string> s, bool fr)
    {
        var text = new StringBuilder(right == "—" ? "—" : t["Right_" + right].Value);
        text.Append(" — ").Append(s("Channels", [])).Append(' ')
            .Append(u.Channels is { Count: > 0 } channels ? string.Join(", ", channels.Select(c => t["Channel_" + c].Value)) : "—");
        text.Append(" ; ").Append(s("Territories", [])).Append(' ')
            .Append(u.Territories is { Count: > 0 } places
            ? string.Join(", ", places.Select(p => p == "worldwide" ? s("Worldwide", []) : Country(t, p))) : "—");
        text.Append(" ; ").Append(Period(u.StartsOn, u.EndsOn, s, fr));
        text.Append(" ; ").Append(s("Purpose", [])).Append(' ').Append(u.Purpose ?? "—");
        text.Append(" ; ").Append(s("Modification", [])).Append(' ').Append(YesNo(t, u.ModificationAllowed));
        text.Append(" ; ").Append(s("Attribution", [])).Append(' ').Append(YesNo(t, u.AttributionRequired));
        return text.ToString();
    }

    private static string YesNo(IStringLocalizer t, bool? value) => value switch { true => t["Yes"].Value, false => t["No"].Value, null => "—" };

    /// <summary>A country's name from our own strings only (never ICU's, which change with the machine), else its code.</summary>
    private static string Country(IStringLocalizer t, string code) => t["Country_" + code] is { ResourceNotFound: false } name
        ? $"{name.Value} ({code})" : code;

    private static string Period(DateOnly? from, DateOnly? to, Func<string, object[], string> s, bool fr) => (from, to) switch
    {
        (null, null) => s("NoPeriod", []),
        ({ } a, null) => s("From", [Day(a, fr)]) + " " + s("NoEnd", []),
        (null, { } b) => s("Until", [Day(b, fr)]),
        ({ } a, { } b) => s("FromTo", [Day(a, fr), Day(b, fr)]),
    };

    /// <summary>31/01/2026 in French, 31 Jan 2026 in English: written here, whatever the culture data says.</summary>
    internal static string Day(DateOnly? day, bool fr) => day is not { } d ? "—"
        : fr ? string.Create(CultureInfo.InvariantCulture, $"{d.Day:00}/{d.Month:00}/{d.Year:0000}")
        : string.Create(CultureInfo.InvariantCulture, $"{d.Day} {EnglishMonths[d.Month - 1]} {d.Year:0000}");

    private static readonly string[] EnglishMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>1 500,00 EUR in French, EUR 1,500.00 in English (minor units of two decimals; JPY-like currencies are rare here).</summary>
    internal static string? Amount(Money? money, bool fr)
    {
        if (money?.Amount is not { } minor)
        {
            return null;
        }

        var units = Math.Abs(minor) / 100;
        var cents = Math.Abs(minor) % 100;
        var digits = units.ToString(CultureInfo.InvariantCulture);
        var grouped = new StringBuilder();
        for (var i = 0; i < digits.Length; i++)
        {
            if (i > 0 && (digits.Length - i) % 3 == 0)
            {
                grouped.Append(fr ? ' ' : ',');
            }

            grouped.Append(digits[i]);
        }

        var sign = minor < 0 ? "-" : "";
        return fr ? string.Create(CultureInfo.InvariantCulture, $"{sign}{grouped},{cents:00} {money.Currency}")
            : string.Create(CultureInfo.InvariantCulture, $"{money.Currency} {sign}{grouped}.{cents:00}");
    }
}
