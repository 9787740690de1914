using System.Globalization;
using System.Text;

namespace InfluenceCrm.Contracts;

/// <summary>
/// Joint parental authority is the rule (Code civil, art. 372): when the creator's record names who holds parental
/// authority over the minor, the contract names the same people as holders — a contract signed by one parent while the
/// record names two binds only one of them.
/// </summary>
internal static class ParentalAuthority
{
    /// <returns>The message of the finding, or null when the contract's holders match the record's (or the record names none).</returns>
    public static string? Mismatch(ContractTerms terms, IReadOnlyList<string>? recordHolders)
    {
        if (recordHolders is not { Count: > 0 })
        {
            return null;
        }

        var contractHolders = (terms.LegalRepresentatives ?? []).Where(r => r.HoldsParentalAuthority != false && !string.IsNullOrWhiteSpace(r.FullName))
            .Select(r => r.FullName!).ToList();
        var missing = recordHolders.Where(h => !contractHolders.Any(c => Same(c, h))).ToList();
        var extra = contractHolders.Where(c => !recordHolders.Any(h => Same(c, h))).ToList();
        var problems = new List<string>();
        if (missing.Count > 0)
        {
            problems.Add($"the creator's record names {recordHolders.Count} holder(s) of parental authority ({string.Join(", ", recordHolders)}), "
                         + $"who exercise it jointly, but the contract does not name {string.Join(", ", missing)} as holding it (legalRepresentatives)");
        }

        if (extra.Count > 0)
        {
            problems.Add($"the contract names {string.Join(", ", extra)} as holding parental authority, which the creator's record does not");
        }

        return problems.Count == 0 ? null : $"The creator is a minor: {string.Join("; ", problems)}. Each holder must be named and sign.";
    }

    private static bool Same(string a, string b) => string.Equals(Key(a), Key(b), StringComparison.OrdinalIgnoreCase);

    /// <summary>A name as people write it in different places: accents, case and spacing aside.</summary>
    private static string Key(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var letters = decomposed.Where(ch => CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark);
        return string.Join(' ', new string(letters.ToArray()).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
