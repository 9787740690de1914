using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace InfluenceCrm.Platform.Http;

/// <summary>One page of a cursor-paginated list: <c>{ "items": [...], "nextCursor": "…" | null }</c>.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// Opaque keyset cursors: the sort they belong to, the last row's sort value and id, base64url-encoded JSON.
/// A cursor from another sort, or a forged one, is a 400, never a 500.
/// </summary>
public static class Cursor
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public sealed record Position(string Sort, string? Value, string Id);

    public static string Encode(string sort, string? value, string id) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Position(sort, value, id)));

    public static Position? Decode(string? cursor, string sort)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        Position? position;
        try
        {
            position = JsonSerializer.Deserialize<Position>(Base64Url.DecodeFromChars(cursor));
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            throw new BadRequestException("The cursor is not one this API issued.");
        }

        if (position is null || position.Id is null || position.Sort != sort)
        {
            throw new BadRequestException("The cursor belongs to another query or sort; start again without a cursor.");
        }

        return position;
    }

    /// <summary>A sort value as the database returned it, as cursor text (times as round-trip UTC).</summary>
    public static string? ValueText(object? value) => value switch
    {
        DateTime dt => DateTime.SpecifyKind(dt, DateTimeKind.Utc).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        DateTimeOffset dto => dto.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The cursor's sort value read back as a time (for sorts on a timestamp column).</summary>
    public static DateTimeOffset TimeOf(Position position) =>
        DateTimeOffset.TryParse(position.Value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal,
            out var t)
            ? t
            : throw new BadRequestException("The cursor is not one this API issued.");

    /// <summary>
    /// A page of a list computed in memory (bounded, and built by rules rather than read in order from a table), sorted
    /// by <paramref name="key"/> (value, then id, ordinal): the items after the cursor's, up to the limit.
    /// </summary>
    public static Page<T> InMemory<T>(IEnumerable<T> items, int limit, string? cursor, string sort, Func<T, (string Value, string Id)> key)
    {
        var after = Decode(cursor, sort);
        var sorted = items.OrderBy(i => key(i).Value, StringComparer.Ordinal).ThenBy(i => key(i).Id, StringComparer.Ordinal);
        var rest = after is null ? sorted : sorted.Where(i => key(i) is var k
            && (string.CompareOrdinal(k.Value, after.Value) > 0 || string.CompareOrdinal(k.Value, after.Value) == 0
            && string.CompareOrdinal(k.Id, after.Id) > 0));
        return ToPage(rest.Take(limit + 1).ToList(), limit, sort, i => key(i));
    }

    /// <summary>Turns the limit+1 rows fetched into a page and the cursor to the next one.</summary>
    public static Page<T> ToPage<T>(IReadOnlyList<T> rows, int limit, string sort, Func<T, (string? Value, string Id)> key)
    {
        if (rows.Count <= limit)
        {
            return new Page<T>(rows, null);
        }

        var items = rows.Take(limit).ToList();
        var (value, id) = key(items[^1]);
        return new Page<T>(items, Encode(sort, value, id));
    }
}

public static class Text
{
    /// <summary>Lower-case, accents removed: the key used for case- and accent-insensitive search on both engines.</summary>
    public static string SearchKey(string value)
    {
        var decomposed = value.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>A LIKE pattern for "contains", with %, _ and \ escaped (use with ESCAPE '\').</summary>
    public static string ContainsPattern(string value) =>
        "%" + SearchKey(value).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal) + "%";
}
