using System.Globalization;

namespace InfluenceCrm.Tests.Performance.Imports;

/// <summary>Numbers as the exports write them, in each locale.</summary>
public sealed class ExportNumbersTests
{
    [Theory]
    [InlineData("28 000", true, "28000")]
    [InlineData("28\u202f000", true, "28000")]
    [InlineData("62,1", true, "62.1")]
    [InlineData("62.1", false, "62.1")]
    [InlineData("1,234", false, "1234")]
    [InlineData("1.234", true, "1234")]
    [InlineData("1.234.567", false, "1234567")]
    [InlineData("1,234.5", false, "1234.5")]
    [InlineData("1.234,5", true, "1234.5")]
    [InlineData("1.2K", false, "1200")]
    [InlineData("2,3K", false, "2300")]
    [InlineData("3,4 M", true, "3400000")]
    [InlineData("1 234,56 €", true, "1234.56")]
    [InlineData("12.5%", false, "12.5")]
    [InlineData("—", false, null)]
    [InlineData("", true, null)]
    public void Localized_numbers_are_read(string cell, bool decimalComma, string? expected)
    {
        Assert.True(InfluenceCrm.Performance.Imports.ExportNumbers.TryDecimal(cell, decimalComma, out var value));
        Assert.Equal(expected is null ? null : decimal.Parse(expected, CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("12-3")]
    [InlineData("1,2,3,4K,")]
    public void What_is_not_a_number_is_said_so(string cell) =>
        Assert.False(InfluenceCrm.Performance.Imports.ExportNumbers.TryDecimal(cell, false, out _));
}
