using System.Globalization;

namespace InfluenceCrm.Performance.Imports;

/// <summary>
/// Numbers as the platforms' exports write them, whatever the file's locale: "28 000" and "28\u202f000" (French
/// thousands), "1,234" and "1.234" (thousands), "62,1" and "62.1" (decimals), "1.2K" and "3,4 M" (TikTok's shorthand),
/// "1 234,56 €" (money), "—" or "" (nothing).
/// </summary>
internal static class ExportNumbers
{
    /// <summary>Ten trillion: more than any real count, and 50,000 of them still add up inside a long.</summary>
    public const decimal MaxCount = 10_000_000_000_000m;

    /// <summary>A count, rounded; null when the cell is empty or a dash; false when it is not a number.</summary>
    public static bool TryCount(string? cell, bool decimalComma, out long? value)
    {
        value = null;
        if (!TryDecimal(cell, decimalComma, out var d))
        {
            return false;
        }

        if (d is { } n)
        {
            if (n is < 0 or > MaxCount)
            {
                return false;
            }

            value = (long)Math.Round(n, MidpointRounding.AwayFromZero);
        }

        return true;
    }

    public static bool TryDecimal(string? cell, bool decimalComma, out decimal? value)
    {
        value = null;
        var text = new string((cell ?? "")
            .Where(c => !char.IsWhiteSpace(c) && c is not ('\u00a0' or '\u202f' or '\'' or '€' or '$' or '£' or '%'))
            .ToArray());
        if (text.Length == 0 || text is "-" or "—" or "–" or "N/A" or "n/a")
        {
            return true;
        }

        var multiplier = 1m;
        switch (char.ToUpperInvariant(text[^1]))
        {
            case 'K':
                multiplier = 1_000m;
                text = text[..^1];
                break;
            case 'M':
                multiplier = 1_000_000m;
                text = text[..^1];
                break;
            case 'B':
                multiplier = 1_000_000_000m;
                text = text[..^1];
                break;
        }

        var lastDot = text.LastIndexOf('.');
        var lastComma = text.LastIndexOf(',');
        char? decimalMark;
        if (lastDot >= 0 && lastComma >= 0)
        {
            decimalMark = lastDot > lastComma ? '.' : ','; // "1,234.5" or "1.234,5": the last one is the decimal mark
        }
        else if (lastDot < 0 && lastComma < 0)
        {
            decimalMark = null;
        }
        else
        {
            var mark = lastDot >= 0 ? '.' : ',';
            var groups = text.Split(mark);
            // One mark that separates groups of three digits is a thousands separator ("28,000", "1.234.567"), unless the
            // file writes decimals with it and there is a single group ("62,1" in a French file is a decimal either way).
            var thousands = groups.Length > 2 || (groups.Length == 2 && groups[1].Length == 3 && multiplier == 1m && (mark == ',') != decimalComma);
            decimalMark = thousands ? null : mark;
        }

        var normalized = decimalMark is { } m
            ? text.Replace(m == '.' ? "," : ".", "", StringComparison.Ordinal).Replace(m, '.')
            : text.Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);
        if (!decimal.TryParse(normalized, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        try
        {
            value = number * multiplier;
        }
        catch (OverflowException)
        {
            return false;
        }

        return true;
    }
}
