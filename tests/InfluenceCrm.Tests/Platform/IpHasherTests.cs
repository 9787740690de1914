using System.Net;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Platform;

/// <summary>The salted IP hash: HMAC-SHA256 of the address text under the installation's salt, whatever thread computes it.</summary>
public sealed class IpHasherTests : IDisposable
{
    private readonly SqliteFiles files = new();

    public void Dispose() => files.Dispose();

    private async Task<(IpHasher Hasher, byte[] Salt)> InstallationAsync(string name)
    {
        var db = await files.MigratedAsync(name);
        var hasher = new IpHasher(db, TimeProvider.System);
        await hasher.HashAsync(null); // creates the salt
        await using var c = await db.OpenAsync();
        var salt = Convert.FromBase64String(await c.ExecuteScalarAsync<string>("SELECT value FROM platform_settings WHERE name = 'ip_hash_salt'") ?? "");
        Assert.Equal(32, salt.Length);
        return (hasher, salt);
    }

    [Fact]
    public async Task Hashes_are_the_hmac_of_the_address_text_under_the_salt_on_every_thread_and_differ_between_installations()
    {
        var (hasher, salt) = await InstallationAsync("one");
        var (other, _) = await InstallationAsync("two");
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
            var expected = Convert.ToHexStringLower(HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(text)));
            Assert.Equal(expected, await hasher.HashAsync(address));
            Assert.NotEqual(expected, await other.HashAsync(address)); // another salt, on the same thread
            Assert.Equal(expected, await hasher.HashAsync(address)); // and back
        }

        var expectedFirst = await hasher.HashAsync(cases[0].Address);
        var results = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 2_000), async (i, ct) =>
        {
            results.Add(await (i % 2 == 0 ? hasher : other).HashAsync(cases[0].Address, ct));
        });
        Assert.Equal(2, results.Distinct().Count());
        Assert.Contains(expectedFirst, results);
    }
}
