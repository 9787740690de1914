using System.Globalization;
using InfluenceCrm.Platform;

namespace InfluenceCrm.Console;

/// <summary>Dates, numbers and money as the person's culture writes them (fr: 1 234,56 €; en: €1,234.56).</summary>
public static class Format
{
    public static string Day(DateOnly? day) => day?.ToString("d", CultureInfo.CurrentCulture) ?? "—";

    public static string Time(DateTimeOffset? at) => at?.ToLocalTime().ToString("g", CultureInfo.CurrentCulture) ?? "—";

    public static string Number(long? value) => value?.ToString("N0", CultureInfo.CurrentCulture) ?? "—";

    public static string Money(Money? money)
    {
        if (money?.Amount is not { } minor || money.Currency is not { } currency)
        {
            return "—";
        }

        var format = (NumberFormatInfo)CultureInfo.CurrentCulture.NumberFormat.Clone();
        format.CurrencySymbol = currency switch { "EUR" => "€", "USD" => "$", "GBP" => "£", _ => currency };
        return (minor / 100m).ToString("C", format);
    }
}
