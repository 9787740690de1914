using InfluenceCrm.Platform.Data;

namespace InfluenceCrm.Platform.Security;

/// <summary>Random keys of this installation, made on first use and kept in platform_settings (shared by every instance).</summary>
public static class InstallationKeys
{
    internal static readonly Sql ReadSetting = Sql.Both("SELECT value FROM platform_settings WHERE name = @Name");

    internal static readonly Sql InsertSetting = Sql.Both("INSERT INTO platform_settings (name, value, created_at) VALUES (@Name, @Value, @Now)");

    /// <summary>The key called <paramref name="name"/> (32 random bytes), created if absent; an instance creating it first wins.</summary>
    public static Task<byte[]> LoadOrCreateAsync(Db db, string name, TimeProvider clock, CancellationToken ct) =>
        IpHasher.LoadOrCreateAsync(db, ReadSetting, InsertSetting, new { Name = name }, v => new { Name = name, Value = v, Now = clock.GetUtcNow() }, ct);
}
