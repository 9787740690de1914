using System.Net;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Platform.Security;

/// <summary>A clock the test moves.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// Visitor hashes: HMAC-SHA256 of the address text under the salt of the UTC day, whatever thread computes it; another
/// day, another hash; the salt gone 48 hours after its day began, after which no stored hash can be turned back into
/// an address; consent evidence under a key of its own.
/// </summary>
public abstract class IpHasherTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A new migrated database; <paramref name="name"/> tells two apart within a test.</summary>
    protected abstract Task<InfluenceCrm.Platform.Data.Db> MigratedAsync(string name);

    private static async Task<byte[]?> SaltAsync(InfluenceCrm.Platform.Data.Db db, string day)
    {
        await using var c = await db.OpenAsync();
        return await c.ExecuteScalarAsync<string>("SELECT salt FROM platform_visitor_salts WHERE day = @day", new { day }) is { } salt ? Convert.FromBase64String(salt) : null;
    }

    [Fact]
    public void Blake3s_keyed_hash_agrees_with_the_official_test_vectors()
    {
        // BLAKE3's test_vectors.json (github.com/BLAKE3-team/BLAKE3): key "whats the Elvish word for friend", input i % 251.
        var key = "whats the Elvish word for friend"u8.ToArray();
        foreach (var (length, expected) in new[]
        {
            (0, "92b2b75604ed3c761f9d6f62392c8a9227ad0ea3f09573e783f1498a4ed60d26"),
            (1, "6d7878dfff2f485635d39013278ae14f1454b8c0a3a2d34bc1ab38228a80c95b"),
            (1024, "75c46f6f3d9eb4f55ecaaee480db732e6c2105546f1e675003687c31719c7ba4"),
        })
        {
            Assert.Equal(expected, Blake3Keyed(key, Enumerable.Range(0, length).Select(i => (byte)(i % 251)).ToArray()));
        }
    }

    private static string Blake3Keyed(byte[] key, byte[] input)
    {
        using var hasher = Blake3.Hasher.NewKeyed(key);
        hasher.Update(input);
        var hash = new byte[32];
        hasher.Finalize(hash);
        return Convert.ToHexStringLower(hash);
    }

    [Fact]
    public async Task Hashes_are_blake3s_keyed_hash_of_the_address_text_under_the_days_salt_on_every_thread_and_differ_between_installations()
    {
        var db = await MigratedAsync("one");
        var hasher = new IpHasher(db, new ManualClock(Day1));
        var other = new IpHasher(await MigratedAsync("two"), new ManualClock(Day1));
        await hasher.PrepareAsync(default);
        var salt = await SaltAsync(db, "2026-03-01");
        Assert.Equal(32, salt!.Length);
        var cases = new (IPAddress? Address, string Text)[]
        {
            (IPAddress.Parse("203.0.113.7"), "203.0.113.7"),
            (IPAddress.Parse("::ffff:203.0.113.7"), "203.0.113.7"), // IPv4 mapped to IPv6 is the IPv4 visitor
            (IPAddress.Parse("2001:db8::1"), "2001:db8::1"),
            (IPAddress.Parse("fe80::1%3"), "fe80::1%3"),
            (null, "unknown"),
        };

        foreach (var (address, text) in cases)
        {
            var expected = Blake3Keyed(salt, Encoding.UTF8.GetBytes(text));
            Assert.Equal(expected, (await hasher.HashAsync(address, Day1)).ToString());
            Assert.NotEqual(expected, (await other.HashAsync(address, Day1)).ToString()); // another salt, on the same thread
            Assert.Equal(expected, (await hasher.HashAsync(address, Day1)).ToString()); // and back
        }

        var expectedFirst = (await hasher.HashAsync(cases[0].Address, Day1)).ToString();
        var results = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 2_000), async (i, ct) =>
        {
            results.Add((await (i % 2 == 0 ? hasher : other).HashAsync(cases[0].Address, Day1, ct)).ToString());
        });
        Assert.Equal(2, results.Distinct().Count());
        Assert.Contains(expectedFirst, results);
    }

    [Fact]
    public async Task A_visitor_gets_another_hash_each_day_and_a_days_salt_is_gone_48_hours_after_the_day_began()
    {
        var db = await MigratedAsync("days");
        var clock = new ManualClock(Day1);
        var hasher = new IpHasher(db, clock);
        var replica = new IpHasher(db, clock); // another instance of the service shares the day's salt
        await hasher.PrepareAsync(default);
        Assert.NotNull(await SaltAsync(db, "2026-03-02")); // tomorrow's is made ahead: midnight never waits on the database
        var visitor = IPAddress.Loopback;
        var first = (await hasher.HashAsync(visitor, Day1)).ToString();
        Assert.Equal(first, (await replica.HashAsync(visitor, Day1.AddHours(13))).ToString());
        var nextDay = (await hasher.HashAsync(visitor, Day1.AddDays(1))).ToString();
        Assert.NotEqual(first, nextDay); // not linkable across days

        clock.Now = Day1.AddDays(1); // the next day: yesterday's salt still counts late clicks
        await hasher.PurgeAsync(default);
        Assert.NotNull(await SaltAsync(db, "2026-03-01"));
        clock.Now = new DateTimeOffset(2026, 3, 3, 0, 0, 1, TimeSpan.Zero); // 48 hours after day 1 began
        Assert.Equal(1, await hasher.PurgeAsync(default));
        await hasher.PrepareAsync(default);
        Assert.Null(await SaltAsync(db, "2026-03-01"));

        // With the salt gone, nothing left in the database reproduces the stored hash, whatever address one tries.
        await using var c = await db.OpenAsync();
        var keys = (await c.QueryAsync<string>("SELECT salt FROM platform_visitor_salts UNION ALL SELECT value FROM platform_settings")).ToList();
        Assert.DoesNotContain(keys, k => IsBase64Key(k) && (Blake3Keyed(Convert.FromBase64String(k), "127.0.0.1"u8.ToArray()) == first
            || Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromBase64String(k), "127.0.0.1"u8)) == first));
        Assert.Equal(0L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM platform_settings WHERE name = 'ip_hash_salt'"));
    }

    [Fact]
    public async Task Consent_evidence_is_hashed_under_its_own_key_and_matches_no_click_hash()
    {
        var db = await MigratedAsync("evidence");
        var hasher = new IpHasher(db, new ManualClock(Day1));
        var address = IPAddress.Parse("198.51.100.20");
        var evidence = await hasher.HashForEvidenceAsync(address);
        // HMAC-SHA256 under the installation's evidence key, as consents recorded before have it.
        await using (var c = await db.OpenAsync())
        {
            var key = Convert.FromBase64String(await c.ExecuteScalarAsync<string>("SELECT value FROM platform_settings WHERE name = 'consent_evidence_ip_key'") ?? "");
            Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(key, "198.51.100.20"u8)), evidence);
        }

        Assert.Equal(evidence, await new IpHasher(db, TimeProvider.System).HashForEvidenceAsync(address)); // stable: the evidence stays checkable
        Assert.NotEqual(evidence, (await hasher.HashAsync(address, Day1)).ToString());
        Assert.NotEqual(evidence, (await hasher.HashAsync(address, Day1.AddDays(1))).ToString());
    }

    private static bool IsBase64Key(string text) => Convert.TryFromBase64String(text, new byte[text.Length], out var written) && written == 32;
}

public sealed class IpHasherOnSqlite : IpHasherTests, IDisposable
{
    private readonly SqliteFiles files = new();

    public void Dispose() => files.Dispose();

    protected override Task<InfluenceCrm.Platform.Data.Db> MigratedAsync(string name) => files.MigratedAsync(name);
}

public sealed class IpHasherOnSqlServer : IpHasherTests, IAsyncDisposable
{
    private readonly SqlServerDatabases databases = new();

    public ValueTask DisposeAsync() => databases.DisposeAsync();

    protected override Task<InfluenceCrm.Platform.Data.Db> MigratedAsync(string name) => databases.MigratedAsync();
}
