using System.Security.Cryptography;
using System.Text;

namespace InfluenceCrm.Platform.Security;

/// <summary>
/// Key format: <c>icrm_{prefix}_{secret}</c>. The prefix (public, unique) finds the row; only the SHA-256 of the
/// whole key is stored. Keys carry 256 bits of randomness, so a fast hash is safe here (no password stretching needed).
/// </summary>
public static class ApiKeys
{
    public sealed record NewKey(string Plaintext, string Prefix, string Hash);

    public static NewKey Generate()
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64UrlNoPadding(RandomNumberGenerator.GetBytes(32));
        var plaintext = $"icrm_{prefix}_{secret}";
        return new NewKey(plaintext, prefix, Hash(plaintext));
    }

    public static string Hash(string plaintext) => Digest.Sha256Hex(plaintext);

    public static string? PrefixOf(string plaintext)
    {
        var parts = plaintext.Split('_', 3);
        return parts.Length == 3 && parts[0] == "icrm" && parts[1].Length == 12 && parts[2].Length >= 32 ? parts[1] : null;
    }

    public static bool Matches(string plaintext, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(plaintext)), Encoding.ASCII.GetBytes(storedHash));

    private static string Base64UrlNoPadding(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
