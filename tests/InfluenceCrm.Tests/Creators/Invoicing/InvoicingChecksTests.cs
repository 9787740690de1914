using InfluenceCrm.Creators;

namespace InfluenceCrm.Tests.Creators.Invoicing;

/// <summary>The checks of invoicing details against published vectors: the SWIFT IBAN Registry's examples, INSEE's SIRET rules, the French VAT key.</summary>
public sealed class InvoicingChecksTests
{
    [Theory]
    [InlineData("DE89370400440532013000")]
    [InlineData("GB29NWBK60161331926819")]
    [InlineData("GB82WEST12345698765432")]
    [InlineData("FR1420041010050500013M02606")]
    [InlineData("BE68539007547034")]
    [InlineData("NL91ABNA0417164300")]
    [InlineData("NO9386011117947")]
    [InlineData("CH9300762011623852957")]
    [InlineData("ES9121000418450200051332")]
    [InlineData("IT60X0542811101000000123456")]
    [InlineData("MT84MALT011000012345MTLCAST001S")]
    [InlineData("LC55HEMM000100010012001200023015")]
    public void The_registry_examples_are_valid(string iban) => Assert.Null(InvoicingChecks.IbanProblem(iban));

    [Theory]
    [InlineData("fr14 2004 1010 0505 0001 3m02 606", "FR1420041010050500013M02606")]
    [InlineData(" DE89 3704 0044 0532 0130 00 ", "DE89370400440532013000")]
    [InlineData("gb29-nwbk-6016-1331-9268-19", "GB29NWBK60161331926819")]
    public void Spaces_hyphens_and_lower_case_are_read_as_the_electronic_form(string typed, string compact)
    {
        Assert.Equal(compact, InvoicingChecks.Compact(typed));
        Assert.Null(InvoicingChecks.IbanProblem(InvoicingChecks.Compact(typed)));
    }

    [Theory]
    [InlineData("DE89370400440532013001", "check digits")] // one digit mistyped
    [InlineData("DE98370400440532013000", "check digits")] // check digits swapped
    [InlineData("GB29NWBK60161331926818", "check digits")]
    [InlineData("FR1420041010050500013M02607", "check digits")]
    [InlineData("DE5137040044053201300", "has 22 characters")] // the mod-97 key holds, the length for DE does not
    [InlineData("DE8937040044053201300099", "has 22 characters")]
    [InlineData("FR142004101005050001", "has 27 characters")]
    [InlineData("US64SVBKUS6S3300958879", "country")] // the United States do not use IBANs
    [InlineData("1234", "country")]
    [InlineData("DEAB370400440532013000", "letters and digits")]
    [InlineData("DE8937040044053201300!", "letters and digits")]
    [InlineData("DE00370400440532013000", "check digits")]
    public void Wrong_keys_lengths_and_countries_are_refused_with_the_reason(string iban, string reason)
    {
        var problem = InvoicingChecks.IbanProblem(iban);
        Assert.NotNull(problem);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_iban_is_masked_to_its_country_and_last_four_and_printed_in_groups_of_four()
    {
        Assert.Equal("FR…2606", InvoicingChecks.MaskIban("FR1420041010050500013M02606"));
        Assert.Equal("FR14 2004 1010 0505 0001 3M02 606", InvoicingChecks.PrintIban("FR1420041010050500013M02606"));
    }

    [Theory]
    [InlineData("73282932000074", true)]
    [InlineData("40483304800022", true)]
    [InlineData("35600000000048", false)] // La Poste: a Luhn number, but the sum of its digits is no multiple of 5
    [InlineData("35600000049837", true)] // La Poste: not a Luhn number, the sum of its digits a multiple of 5
    [InlineData("73282932000075", false)]
    [InlineData("7328293200007", false)]
    [InlineData("7328293200007A", false)]
    [InlineData("00000000000000", false)]
    public void A_siret_is_checked_by_its_luhn_key(string siret, bool valid) => Assert.Equal(valid, InvoicingChecks.IsSiret(siret));

    [Theory]
    [InlineData("FR44732829320", null)]
    [InlineData("FR83404833048", null)]
    [InlineData("FR45732829320", "key does not match")]
    [InlineData("FR44732829321", "9-digit SIREN")]
    [InlineData("FRXX732829320", null)] // an alphanumeric key: no published formula, the SIREN is still checked
    [InlineData("DE136695976", null)]
    [InlineData("BE0403019261", null)]
    [InlineData("X1234", "two letters")]
    public void A_vat_number_is_checked_by_its_form_and_a_french_one_by_its_key(string vat, string? reason)
    {
        var problem = InvoicingChecks.VatProblem(vat);
        if (reason is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Contains(reason, problem!, StringComparison.Ordinal);
        }
    }
}
