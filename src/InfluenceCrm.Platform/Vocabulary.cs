using FluentValidation;

namespace InfluenceCrm.Platform;

/// <summary>
/// Code lists and value checks every module validates against: ISO countries, languages, currencies, the social
/// platforms, and absolute http(s) URLs.
/// </summary>
public static class Vocabulary
{
    public static readonly IReadOnlyList<string> Platforms =
        ["instagram", "tiktok", "youtube", "x", "linkedin", "facebook", "twitch", "snapchat", "pinterest", "blog", "podcast"];

    // ISO 3166-1 alpha-2, officially assigned codes.
    public static readonly IReadOnlySet<string> Countries = Codes("""
        AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
        CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR
        GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP
        KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT
        MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
        SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG
        UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
        """);

    // ISO 639-1 two-letter language codes.
    public static readonly IReadOnlySet<string> Languages = Codes("""
        aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es
        et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki
        kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no
        nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te
        tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
        """);

    // ISO 4217 active currency codes.
    public static readonly IReadOnlySet<string> Currencies = Codes("""
        AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF
        CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD
        HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL
        MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON
        RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX
        USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG
        """);

    public static string ListOf(IEnumerable<string> values) => string.Join(", ", values);

    public static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static HashSet<string> Codes(string text) =>
        text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
}

/// <summary>Money is an integer of minor units (cents) and an ISO 4217 currency; never a float.</summary>
public sealed record Money(long? Amount, string? Currency);

public sealed class MoneyValidator : AbstractValidator<Money>
{
    public MoneyValidator()
    {
        RuleFor(m => m.Amount).NotNull().GreaterThanOrEqualTo(0).WithMessage("amount is a non-negative integer of minor units (cents).");
        RuleFor(m => m.Currency).Must(c => c is not null && Vocabulary.Currencies.Contains(c))
            .WithMessage("currency must be an ISO 4217 code in capitals, e.g. EUR.");
    }
}

/// <summary>
/// A closed list of values a property or query parameter takes, for the OpenAPI document's enums. Each module names its
/// own (its rules stay internal); <paramref name="On"/> null means the property name alone decides, wherever it appears.
/// </summary>
/// <param name="Property">The JSON (camelCase) name; for a list, its items take the values.</param>
public sealed record DocumentedValues(Type? On, string Property, IReadOnlyList<string> Values)
{
    /// <summary>The vocabularies shared by every module.</summary>
    public static readonly IReadOnlyList<DocumentedValues> Shared =
        [new(null, "platform", Vocabulary.Platforms), new(null, "platforms", Vocabulary.Platforms), new(null, "role", Security.Roles.All)];

    /// <summary>ISO code lists, documented as a pattern and a description rather than enums of hundreds of values.</summary>
    public static readonly IReadOnlyDictionary<string, (string Pattern, string Description)> IsoCodes = new Dictionary<string, (string, string)>
    {
        ["country"] = ("^[A-Z]{2}$", "An ISO 3166-1 alpha-2 country code, e.g. FR."),
        ["market"] = ("^[A-Z]{2}$", "An ISO 3166-1 alpha-2 country code, e.g. FR."),
        ["markets"] = ("^[A-Z]{2}$", "ISO 3166-1 alpha-2 country codes, e.g. FR."),
        ["languages"] = ("^[a-z]{2}$", "ISO 639-1 language codes, e.g. fr."),
        ["currency"] = ("^[A-Z]{3}$", "An ISO 4217 currency code, e.g. EUR."),
    };
}
