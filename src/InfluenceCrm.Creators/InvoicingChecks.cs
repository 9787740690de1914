using System.Globalization;
using System.Text;

namespace InfluenceCrm.Creators;

/// <summary>
/// The checks of a creator's invoicing details, each by its published key. No IBAN library is served by the package
/// registry this project builds from, so the IBAN check is a small function tested with the SWIFT registry's examples.
/// </summary>
internal static class InvoicingChecks
{
    /// <summary>
    /// IBAN length per country, from the SWIFT IBAN Registry (ISO 13616). The French overseas territories use FR IBANs.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, int> IbanLengths = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["AD"] = 24,
        ["AE"] = 23,
        ["AL"] = 28,
        ["AT"] = 20,
        ["AZ"] = 28,
        ["BA"] = 20,
        ["BE"] = 16,
        ["BG"] = 22,
        ["BH"] = 22,
        ["BI"] = 27,
        ["BR"] = 29,
        ["BY"] = 28,
        ["CH"] = 21,
        ["CR"] = 22,
        ["CY"] = 28,
        ["CZ"] = 24,
        ["DE"] = 22,
        ["DJ"] = 27,
        ["DK"] = 18,
        ["DO"] = 28,
        ["EE"] = 20,
        ["EG"] = 29,
        ["ES"] = 24,
        ["FI"] = 18,
        ["FK"] = 18,
        ["FO"] = 18,
        ["FR"] = 27,
        ["GB"] = 22,
        ["GE"] = 22,
        ["GI"] = 23,
        ["GL"] = 18,
        ["GR"] = 27,
        ["GT"] = 28,
        ["HN"] = 28,
        ["HR"] = 21,
        ["HU"] = 28,
        ["IE"] = 22,
        ["IL"] = 23,
        ["IQ"] = 23,
        ["IS"] = 26,
        ["IT"] = 27,
        ["JO"] = 30,
        ["KW"] = 30,
        ["KZ"] = 20,
        ["LB"] = 28,
        ["LC"] = 32,
        ["LI"] = 21,
        ["LT"] = 20,
        ["LU"] = 20,
        ["LV"] = 21,
        ["LY"] = 25,
        ["MC"] = 27,
        ["MD"] = 24,
        ["ME"] = 22,
        ["MK"] = 19,
        ["MN"] = 20,
        ["MR"] = 27,
        ["MT"] = 31,
        ["MU"] = 30,
        ["NI"] = 28,
        ["NL"] = 18,
        ["NO"] = 15,
        ["OM"] = 23,
        ["PK"] = 24,
        ["PL"] = 28,
        ["PS"] = 29,
        ["PT"] = 25,
        ["QA"] = 29,
        ["RO"] = 24,
        ["RS"] = 22,
        ["RU"] = 33,
        ["SA"] = 24,
        ["SC"] = 31,
        ["SD"] = 18,
        ["SE"] = 24,
        ["SI"] = 19,
        ["SK"] = 24,
        ["SM"] = 27,
        ["SO"] = 23,
        ["ST"] = 25,
        ["SV"] = 28,
        ["TL"] = 23,
        ["TN"] = 24,
        ["TR"] = 26,
        ["UA"] = 29,
        ["VA"] = 22,
        ["VG"] = 24,
        ["XK"] = 20,
        ["YE"] = 30,
    };

    /// <summary>The electronic form: no spaces (nor the hyphens some banks print), upper case.</summary>
    public static string Compact(string value)
    {
        var b = new StringBuilder(value.Length);
        foreach (var ch in value.Where(ch => !char.IsWhiteSpace(ch) && ch != '-'))
        {
            b.Append(char.ToUpperInvariant(ch));
        }

        return b.ToString();
    }

    /// <summary>Why an IBAN (in its electronic form) is not one, or null when it is: country, length, characters, then the mod-97 key.</summary>
    public static string? IbanProblem(string iban)
    {
        if (iban.Length < 5 || !char.IsAsciiLetterUpper(iban[0]) || !char.IsAsciiLetterUpper(iban[1]) || !IbanLengths.TryGetValue(iban[..2], out var length))
        {
            return "The IBAN must start with the code of a country that uses IBANs (e.g. FR76…).";
        }

        if (iban.Length != length)
        {
            return $"An IBAN of {iban[..2]} has {length} characters; this one has {iban.Length}.";
        }

        if (!char.IsAsciiDigit(iban[2]) || !char.IsAsciiDigit(iban[3]) || !iban.All(char.IsAsciiLetterOrDigit))
        {
            return "The IBAN may hold only letters and digits after its country code and two check digits.";
        }

        return Mod97(iban) == 1 && iban[2..4] is not ("00" or "01" or "99") ? null : "The IBAN's check digits do not match: a character is mistyped.";
    }

    /// <summary>ISO 7064 MOD 97-10 over the IBAN moved and spelt in digits (A = 10 … Z = 35), computed piece by piece.</summary>
    private static int Mod97(string iban)
    {
        var remainder = 0;
        foreach (var ch in iban[4..] + iban[..4])
        {
            var value = char.IsAsciiDigit(ch) ? ch - '0' : ch - 'A' + 10;
            remainder = value < 10 ? ((remainder * 10) + value) % 97 : ((remainder * 100) + value) % 97;
        }

        return remainder;
    }

    /// <summary>FR…1234: enough for a person to recognise their account, not enough to use it.</summary>
    public static string MaskIban(string iban) => iban.Length < 8 ? "…" : $"{iban[..2]}…{iban[^4..]}";

    /// <summary>In groups of four, as printed on a bank statement.</summary>
    public static string PrintIban(string iban) =>
        string.Join(' ', Enumerable.Range(0, (iban.Length + 3) / 4).Select(i => iban.Substring(i * 4, Math.Min(4, iban.Length - (i * 4)))));

    /// <summary>
    /// A SIRET (14 digits: the SIREN and the establishment's number) is checked by the Luhn key; La Poste's establishments
    /// (SIREN 356 000 000), too many for the key, by the sum of their digits being a multiple of 5, as INSEE publishes.
    /// </summary>
    public static bool IsSiret(string siret) =>
        siret.Length == 14 && siret.All(char.IsAsciiDigit) && siret[..9] != "000000000"
        && (siret.StartsWith("356000000", StringComparison.Ordinal) ? siret.Sum(ch => ch - '0') % 5 == 0 : Luhn(siret));

    public static bool IsSiren(string siren) => siren.Length == 9 && siren.All(char.IsAsciiDigit) && Luhn(siren);

    private static bool Luhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            sum += i % 2 == 1 ? (d * 2 > 9 ? (d * 2) - 9 : d * 2) : d;
        }

        return sum % 10 == 0;
    }

    /// <summary>
    /// Why a VAT number is not one, or null: an EU-style number is two letters and 2 to 13 letters or digits; a French one
    /// (FR + key + SIREN) is checked by its key, (12 + 3 × (SIREN mod 97)) mod 97, when the key is numeric (the older
    /// alphanumeric keys have no published formula).
    /// </summary>
    public static string? VatProblem(string vat)
    {
        if (vat.Length is < 4 or > 15 || !char.IsAsciiLetterUpper(vat[0]) || !char.IsAsciiLetterUpper(vat[1]) || !vat[2..].All(char.IsAsciiLetterOrDigit))
        {
            return "A VAT number starts with its country's two letters, then 2 to 13 letters or digits (e.g. FR44732829320).";
        }

        if (!vat.StartsWith("FR", StringComparison.Ordinal))
        {
            return null;
        }

        if (vat.Length != 13 || !IsSiren(vat[4..]))
        {
            return "A French VAT number is FR, a two-character key and the 9-digit SIREN (e.g. FR44732829320).";
        }

        return !vat[2..4].All(char.IsAsciiDigit) || FrenchVatKey(vat[4..]) == int.Parse(vat[2..4], CultureInfo.InvariantCulture)
            ? null
            : "The French VAT number's key does not match its SIREN.";
    }

    public static int FrenchVatKey(string siren) => (12 + (3 * (int)(long.Parse(siren, CultureInfo.InvariantCulture) % 97))) % 97;
}
