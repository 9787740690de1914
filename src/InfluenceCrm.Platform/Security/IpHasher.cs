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

    public async Task<string> HashAsync(IPAddress? address, CancellationToken ct = default)
    {
        var key = salt ??= await LoadSaltAsync(ct);
        var text = address is null ? "unknown" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)));
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
