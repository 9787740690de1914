using System.Security.Cryptography;
using System.Text;

namespace InfluenceCrm.Platform.Security;

/// <summary>
/// Key format: <c>icrm_{prefix}_{secret}</c> (calendar-feed secrets: <c>icfeed_{prefix}_{secret}</c>, which no API
/// call accepts as a key). The prefix (public, unique) finds the row; only the SHA-256 of the whole key is stored. Keys carry 256 bits of randomness, so a fast
/// hash is safe here (no password stretching needed).
/// </summary>
public static class ApiKeys
{
    public sealed record NewKey(string Plaintext, string Prefix, string Hash);

    public const string KeyScheme = "icrm";

    public const string FeedScheme = "icfeed";

    public static NewKey Generate(string scheme = KeyScheme)
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64UrlNoPadding(RandomNumberGenerator.GetBytes(32));
        var plaintext = $"{scheme}_{prefix}_{secret}";
        return new NewKey(plaintext, prefix, Hash(plaintext));
    }

    public static string Hash(string plaintext) => Digest.Sha256Hex(plaintext);

    public static string? PrefixOf(string plaintext, string scheme = KeyScheme)
    {
        var parts = plaintext.Split('_', 3);
        return parts.Length == 3 && parts[0] == scheme && parts[1].Length == 12 && parts[2].Length >= 32 ? parts[1] : null;
    }

    public static bool Matches(string plaintext, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(plaintext)), Encoding.ASCII.GetBytes(storedHash));

    private static string Base64UrlNoPadding(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
