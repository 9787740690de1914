namespace InfluenceCrm.UgcRights.Pages;

/// <summary>How a grant is named and what state it is in, as legal's pages show it.</summary>
internal static class GrantLabels
{
    public static string Licensor(GrantView g) =>
        g.Terms.Licensor is { } l
            ? string.Join(" ", new[] { l.Name, l.Handle is { Length: > 0 } h ? "@" + h.TrimStart('@') : null }.Where(x => x is not null)) : g.Id;

    /// <summary>active, revoked (from a day, maybe still ahead) or superseded.</summary>
    public static string Status(GrantView g) => g.RevokedFrom is not null ? "revoked" : g.Status;
}
