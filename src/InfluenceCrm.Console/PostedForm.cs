using System.Globalization;
using System.Security.Cryptography;
using FluentValidation;
using FluentValidation.Results;
using InfluenceCrm.Platform;
using Microsoft.AspNetCore.Http;

namespace InfluenceCrm.Console;

/// <summary>
/// A posted console form read field by field under the API's camelCase paths (<c>usageRights[0].channels</c>), so that a
/// request's validation failures land next to the input of the same name. Values that cannot be read (a date, an amount)
/// are failures of that field, thrown together by <see cref="ThrowIfInvalid"/>; blank means absent.
/// </summary>
public sealed class PostedForm(IFormCollection form)
{
    private readonly List<ValidationFailure> failures = [];

    public static PostedForm Of(HttpContext http) => new(http.Request.HasFormContentType ? http.Request.Form : FormCollection.Empty);

    public string? Text(string name) => form.TryGetValue(name, out var v) && v.ToString().Trim() is { Length: > 0 } text ? text : null;

    /// <summary>Every value posted under the name (checkboxes, multiple selects), blanks dropped.</summary>
    public IReadOnlyList<string> Texts(string name) =>
        form.TryGetValue(name, out var values) ? values.Select(v => v?.Trim()).Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).Distinct().ToList() : [];

    /// <summary>A list typed as text, separated by commas or line breaks.</summary>
    public IReadOnlyList<string> Split(string name) =>
        (Text(name) ?? "").Split([',', '\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool Checked(string name) => form.TryGetValue(name, out var v) && v.Contains("true");

    public bool Has(string name) => form.ContainsKey(name);

    /// <summary>An ISO date (what an input of type date posts).</summary>
    public DateOnly? Day(string name)
    {
        if (Text(name) is not { } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        failures.Add(new ValidationFailure(name, "Give a date (yyyy-mm-dd)."));
        return null;
    }

    /// <summary>A number as an input of type number posts it (a dot for decimals), or as the reader's culture writes it.</summary>
    public decimal? Decimal(string name)
    {
        if (Text(name) is not { } text)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            || decimal.TryParse(text, NumberStyles.Number, CultureInfo.CurrentCulture, out value))
        {
            return value;
        }

        failures.Add(new ValidationFailure(name, "Give a number."));
        return null;
    }

    /// <summary>Money typed in major units (<c>{name}.amount</c>) with its currency (<c>{name}.currency</c>), kept in minor units.</summary>
    public Money? Money(string name)
    {
        var amount = Decimal(name + ".amount");
        var currency = Text(name + ".currency") ?? "EUR";
        if (amount is null)
        {
            return null;
        }

        if (amount is < 0 or >= 100_000_000_000m)
        {
            failures.Add(new ValidationFailure(name + ".amount", "Give an amount between 0 and 100,000,000,000."));
            return null;
        }

        return new Money((long)Math.Round(amount.Value * 100, MidpointRounding.AwayFromZero), currency);
    }

    /// <summary>
    /// The day posted, as the instant a console form means by it: noon UTC on a past day, now on today (noon once meant a reply
    /// typed as received today, after 12:00 UTC, was dated before the request it answers, and refused).
    /// </summary>
    public static DateTimeOffset? Instant(DateOnly? day, TimeProvider clock)
    {
        if (day is null)
        {
            return null;
        }

        var noon = new DateTimeOffset(day.Value.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        var now = clock.GetUtcNow();
        return day.Value == DateOnly.FromDateTime(now.UtcDateTime) ? now : noon;
    }

    /// <summary>The SHA-256 of an uploaded file's bytes (lower-case hex), or null when no file was posted under the name.</summary>
    public async Task<string?> Sha256Async(string name)
    {
        if (form.Files.GetFile(name) is not { Length: > 0 } file)
        {
            return null;
        }

        await using var stream = file.OpenReadStream();
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));
    }

    public void Fail(string name, string message) => failures.Add(new ValidationFailure(name, message));

    public void ThrowIfInvalid()
    {
        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }
    }
}
