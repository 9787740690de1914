using System.Net;
using System.Security.Cryptography;
using System.Text;
using InfluenceCrm.Platform.Data;

namespace InfluenceCrm.Platform.Security;

/// <summary>
/// Salted hashes of IP addresses (HMAC-SHA256 with a random installation salt kept in platform_settings): enough to
/// tell two events from one address apart, never enough to recover the address. The raw IP is never stored.
/// </summary>
public sealed class IpHasher(Db db, TimeProvider clock)
{
    private const string SaltName = "ip_hash_salt";

    internal static readonly Sql ReadSetting = Sql.Both("SELECT value FROM platform_settings WHERE name = @Name");

    internal static readonly Sql InsertSetting = Sql.Both("INSERT INTO platform_settings (name, value, created_at) VALUES (@Name, @Value, @Now)");

    private byte[]? salt;

    // One keyed HMAC per thread, reset after each use: the one-shot HMACSHA256.HashData looks the algorithm up in OpenSSL on
    // every call (locks, name compares, allocations), which was a measurable share of the redirect (see README, Benchmarks).
    [ThreadStatic]
    private static (byte[] Key, IncrementalHash Hmac)? perThread;

    /// <summary>Completes at once after the first call of the process (which loads or creates the salt).</summary>
    public ValueTask<string> HashAsync(IPAddress? address, CancellationToken ct = default) =>
        salt is { } key ? ValueTask.FromResult(Hash(key, address)) : LoadThenHashAsync(address, ct);

    private async ValueTask<string> LoadThenHashAsync(IPAddress? address, CancellationToken ct)
    {
        var key = salt ??= await LoadSaltAsync(ct);
        return Hash(key, address);
    }

    private static string Hash(byte[] key, IPAddress? address)
    {
        Span<char> text = stackalloc char[64]; // the longest IPv6 text with a scope id is 65 with its terminator
        var written = 0;
        if (address is null)
        {
            "unknown".CopyTo(text);
            written = "unknown".Length;
        }
        else if ((address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address) is var plain && !plain.TryFormat(text, out written))
        {
            return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(plain.ToString())));
        }

        Span<byte> utf8 = stackalloc byte[64];
        var bytes = Encoding.UTF8.GetBytes(text[..written], utf8);
        if (perThread is not { } hmac || !ReferenceEquals(hmac.Key, key))
        {
            perThread?.Hmac.Dispose();
            perThread = hmac = (key, IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key));
        }

        hmac.Hmac.AppendData(utf8[..bytes]);
        Span<byte> hash = stackalloc byte[32];
        hmac.Hmac.GetHashAndReset(hash);
        return Convert.ToHexStringLower(hash);
    }

    private async Task<byte[]> LoadSaltAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var stored = await connection.ExecuteScalarAsync<string>(ReadSetting, new { Name = SaltName }, ct: ct);
        if (stored is null)
        {
            try
            {
                await connection.ExecuteAsync(InsertSetting, new { Name = SaltName, Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), Now = clock.GetUtcNow() }, ct: ct);
            }
            catch (Exception e) when (DbErrors.IsUniqueViolation(e))
            {
                // Another instance created it first: use theirs.
            }

            stored = await connection.ExecuteScalarAsync<string>(ReadSetting, new { Name = SaltName }, ct: ct);
        }

        return Convert.FromBase64String(stored!);
    }
}
