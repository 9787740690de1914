using System.Globalization;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.WebConsole;

namespace InfluenceCrm.Console;

/// <summary>
/// Dates, numbers and money as the person's culture writes them (fr: 1 234,56 €; en-GB: €1,234.56 and 31/12/2026; en-US:
/// 12/31/2026); times in the workspace's time zone (<see cref="WorkspaceTime"/>).
/// </summary>
public static class Format
{
    public static string Day(DateOnly? day) => day?.ToString("d", CultureInfo.CurrentCulture) ?? "—";

    public static string Time(DateTimeOffset? at) => at is { } t ? WorkspaceTime.ToLocal(t).ToString("g", CultureInfo.CurrentCulture) : "—";

    /// <summary>The value of a datetime-local input: the instant on the workspace's wall clock.</summary>
    public static string LocalInput(DateTimeOffset? at) =>
        at is { } t ? WorkspaceTime.ToLocal(t).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) : "";

    /// <summary>A datetime-local input's value, read on the workspace's wall clock, as an instant.</summary>
    public static DateTimeOffset? FromLocalInput(DateTime? local) => local is { } l ? WorkspaceTime.ToUtc(l) : null;

    /// <summary>The workspace's time zone, to label times and datetime-local inputs.</summary>
    public static string Zone => WorkspaceTime.Zone.Id;

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
