using System.Security.Cryptography;
using InfluenceCrm.Platform.Data;

namespace InfluenceCrm.Platform.Security;

/// <summary>
/// Random keys kept in the database and shared by every instance, made on first use: the installation's, by name in
/// platform_settings, and (through the general form) the visitor salts of each day.
/// </summary>
public static class InstallationKeys
{
    internal static readonly Sql ReadSetting = Sql.Both("SELECT value FROM platform_settings WHERE name = @Name");

    internal static readonly Sql InsertSetting = Sql.Both("INSERT INTO platform_settings (name, value, created_at) VALUES (@Name, @Value, @Now)");

    /// <summary>The key called <paramref name="name"/> (32 random bytes), created if absent; an instance creating it first wins.</summary>
    public static Task<byte[]> LoadOrCreateAsync(Db db, string name, TimeProvider clock, CancellationToken ct) =>
        LoadOrCreateAsync(db, ReadSetting, InsertSetting, new { Name = name }, v => new { Name = name, Value = v, Now = clock.GetUtcNow() }, ct);

    /// <summary>Reads a random key, creating it when absent; another instance creating it first wins (theirs is used).</summary>
    internal static async Task<byte[]> LoadOrCreateAsync(Db db, Sql read, Sql insert, object readArgs, Func<string, object> insertArgs, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var stored = await connection.ExecuteScalarAsync<string>(read, readArgs, ct: ct);
        if (stored is null)
        {
            try
            {
                await connection.ExecuteAsync(insert, insertArgs(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))), ct: ct);
            }
            catch (Exception e) when (DbErrors.IsUniqueViolation(e))
            {
                // Another instance created it first: use theirs.
            }

            stored = await connection.ExecuteScalarAsync<string>(read, readArgs, ct: ct);
        }

        return Convert.FromBase64String(stored!);
    }
}
