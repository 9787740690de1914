using System.IO.Compression;
using System.Reflection;
using FluentValidation;
using FluentValidation.Results;

namespace InfluenceCrm.Access;

/// <summary>
/// What a password must be, wherever one is chosen (accepting an invitation, a reset, a change, the CLI's users create):
/// at least 12 characters, not one of the 100,000 most common passwords of a public breach corpus (shipped, compared
/// without regard to case), and not containing the e-mail's local part or the person's name (their words of 4 letters or
/// more). Each failure has a code the console turns into a sentence in the reader's language (Pages/PasswordErrors).
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 12, MaxLength = 1000;

    public const string TooShort = "password_too_short", TooLong = "password_too_long", Common = "password_common",
        ContainsEmail = "password_contains_email", ContainsName = "password_contains_name", CurrentWrong = "password_current_wrong",
        Throttled = "password_throttled";

    /// <summary>Only the entries a long-enough password could equal are kept in memory (a few hundred of the 100,000).</summary>
    private static readonly Lazy<HashSet<string>> CommonPasswords = new(Load);

    /// <summary>The failures of a password (empty when it is acceptable), each with its code and an English message.</summary>
    public static IReadOnlyList<ValidationFailure> Check(string? password, string? email, string? displayName, string property = "password")
    {
        var failures = new List<ValidationFailure>();
        void Fail(string code, string message) => failures.Add(new ValidationFailure(property, message) { ErrorCode = code });
        password ??= "";
        if (password.Length < MinLength)
        {
            Fail(TooShort, $"A password needs at least {MinLength} characters.");
            return failures;
        }

        if (password.Length > MaxLength)
        {
            Fail(TooLong, $"A password has at most {MaxLength} characters.");
            return failures;
        }

        var lower = password.ToLowerInvariant();
        if (CommonPasswords.Value.Contains(lower))
        {
            Fail(Common, "This password is one of the most common ones: attackers try those first. Choose another.");
        }

        var local = email?.Split('@')[0].Trim().ToLowerInvariant();
        if (local is { Length: >= 3 } && lower.Contains(local, StringComparison.Ordinal))
        {
            Fail(ContainsEmail, "A password must not contain your e-mail address.");
        }

        var words = (displayName ?? "").ToLowerInvariant().Split([' ', '-', '.', '\'', '_'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Any(w => w.Length >= 4 && lower.Contains(w, StringComparison.Ordinal)))
        {
            Fail(ContainsName, "A password must not contain your name.");
        }

        return failures;
    }

    /// <summary>Throws the FluentValidation exception that the API answers as a 400 problem and the console shows by field.</summary>
    public static void Demand(string? password, string? email, string? displayName, string property = "password")
    {
        var failures = Check(password, email, displayName, property);
        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }
    }

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("InfluenceCrm.Access.common-passwords.txt.gz")
            ?? throw new InvalidOperationException("The list of common passwords is missing from the assembly.");
        using var reader = new StreamReader(new GZipStream(stream, CompressionMode.Decompress));
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length >= MinLength)
            {
                set.Add(line.ToLowerInvariant());
            }
        }

        return set;
    }
}
