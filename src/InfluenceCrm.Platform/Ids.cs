namespace InfluenceCrm.Platform;

/// <summary>Ids are made by the app: a type prefix and a ULID (cr_01J…), stored alike on both engines.</summary>
public static class Ids
{
    public static string New(string prefix) => $"{prefix}_{Ulid.NewUlid()}";
}
