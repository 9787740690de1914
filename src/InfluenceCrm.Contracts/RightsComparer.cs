namespace InfluenceCrm.Contracts;

/// <summary>Two statements of usage rights are the same when every list holds the same values and every other part is equal.</summary>
internal sealed class RightsComparer : IEqualityComparer<PublicQueries.SignedUsageRights>
{
    public static readonly RightsComparer Instance = new();

    public bool Equals(PublicQueries.SignedUsageRights? x, PublicQueries.SignedUsageRights? y) =>
        x is not null && y is not null && Same(x.Rights, y.Rights) && Same(x.Channels, y.Channels) && Same(x.Territories, y.Territories)
        && x with { Rights = null, Channels = null, Territories = null } == y with { Rights = null, Channels = null, Territories = null };

    public int GetHashCode(PublicQueries.SignedUsageRights obj) => 0;

    private static bool Same(IReadOnlyList<string>? a, IReadOnlyList<string>? b) => (a ?? []).SequenceEqual(b ?? []);
}
