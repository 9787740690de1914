using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using InfluenceCrm.Platform.Data;

namespace InfluenceCrm.Platform.Security;

/// <summary>
/// Hashes of visitors' IP addresses that no one — us included — can turn back into an address once the day is over
/// (the approach Plausible Analytics documents): BLAKE3's keyed hash under a random salt of the UTC day (see
/// <see cref="VisitorHash"/>), the salt kept in
/// platform_visitor_salts only as long as that day's unique-visitor counting needs it and deleted at the latest 48 hours
/// after the day began (<see cref="VisitorSaltPurge"/>). The same visitor gets another hash the next day, so visitors are
/// not linkable across days; unique visitors per link and day stay exact, also across replicas (they share the row).
/// The raw IP is never stored. Consent evidence uses a key of its own (<see cref="HashForEvidenceAsync"/>): a consent
/// must not be linkable to that person's clicks.
/// </summary>
public sealed class IpHasher(Db db, TimeProvider clock)
{
    private const string EvidenceKeyName = "consent_evidence_ip_key";

    internal static readonly Sql ReadSalt = Sql.Both("SELECT salt FROM platform_visitor_salts WHERE day = @Day");

    internal static readonly Sql InsertSalt = Sql.Both("INSERT INTO platform_visitor_salts (day, salt, created_at) VALUES (@Day, @Salt, @Now)");

    internal static readonly Sql PurgeSalts = Sql.Both("DELETE FROM platform_visitor_salts WHERE day < @Oldest");

    private readonly ConcurrentDictionary<DateOnly, byte[]> salts = new();
    private byte[]? evidenceKey;

    /// <summary>The visitor's hash for the UTC day of <paramref name="at"/>; at once when that day's salt is loaded (see <see cref="PrepareAsync"/>).</summary>
    public ValueTask<VisitorHash> HashAsync(IPAddress? address, DateTimeOffset at, CancellationToken ct = default)
    {
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        return salts.TryGetValue(day, out var key) ? ValueTask.FromResult(VisitorHash.Of(key, address)) : LoadThenHashAsync(address, day, ct);
    }

    /// <summary>For the evidence of a consent: a keyed hash of the address that matches none of its click hashes.</summary>
    public async ValueTask<string> HashForEvidenceAsync(IPAddress? address, CancellationToken ct = default)
    {
        evidenceKey ??= await InstallationKeys.LoadOrCreateAsync(db, EvidenceKeyName, clock, ct);
        return EvidenceHash(evidenceKey, address);
    }

    /// <summary>
    /// Loads (or creates) today's and tomorrow's salts and forgets those past their 48 hours: called at start and every hour,
    /// so a redirect never waits on the database, not even at midnight.
    /// </summary>
    public async Task PrepareAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        foreach (var day in new[] { today, today.AddDays(1) })
        {
            if (!salts.ContainsKey(day))
            {
                salts[day] = await LoadSaltAsync(day, ct);
            }
        }

        foreach (var day in salts.Keys.Where(d => d < today.AddDays(-1)))
        {
            salts.TryRemove(day, out _);
        }
    }

    /// <summary>Deletes the salts whose day began more than 48 hours ago (yesterday's still counts late clicks).</summary>
    public async Task<int> PurgeAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteAsync(PurgeSalts, new { Oldest = DayText(today.AddDays(-1)) }, ct: ct);
    }

    private static string DayText(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async ValueTask<VisitorHash> LoadThenHashAsync(IPAddress? address, DateOnly day, CancellationToken ct)
    {
        var key = await LoadSaltAsync(day, ct);
        salts.TryAdd(day, key);
        return VisitorHash.Of(salts[day], address);
    }

    private Task<byte[]> LoadSaltAsync(DateOnly day, CancellationToken ct) =>
        InstallationKeys.LoadOrCreateAsync(db, ReadSalt, InsertSalt, new { Day = DayText(day) },
            v => new { Day = DayText(day), Salt = v, Now = clock.GetUtcNow() }, ct);

    /// <summary>The address as text in UTF-8 (an IPv4 address mapped to IPv6 as IPv4; no address: "unknown"); its length.</summary>
    internal static int AddressText(IPAddress? address, Span<byte> utf8)
    {
        if (address is null)
        {
            return Encoding.UTF8.GetBytes("unknown", utf8);
        }

        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return plain.TryFormat(utf8, out var written) ? written : Encoding.UTF8.GetBytes(plain.ToString(), utf8);
    }

    /// <summary>The evidence hash: HMAC-SHA256 of the address's text, hex (past consents' evidence is checked against it).</summary>
    private static string EvidenceHash(byte[] key, IPAddress? address)
    {
        Span<byte> text = stackalloc byte[MaxAddressText];
        var length = AddressText(address, text);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, text[..length]));
    }

    /// <summary>The longest IPv6 text with a scope id is 65 with its terminator; UTF-8 of ASCII is one byte a character.</summary>
    internal const int MaxAddressText = 128;
}

/// <summary>Every hour: tomorrow's salt made ahead, salts past their 48 hours deleted from the database and from memory.</summary>
public sealed partial class VisitorSaltPurge(IpHasher hasher, TimeProvider clock, Microsoft.Extensions.Logging.ILogger<VisitorSaltPurge> logger)
    : Microsoft.Extensions.Hosting.BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first preparation is the link cache's, at start, once the migrations have run.
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        while (await WaitAsync(timer, stoppingToken))
        {
            try
            {
                await hasher.PrepareAsync(stoppingToken);
                await hasher.PurgeAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e); // next hour again; today's and tomorrow's salts are already in memory
            }
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning,
        Message = "Preparing or purging the visitor salts failed; retrying in an hour")]
    private static partial void LogFailed(Microsoft.Extensions.Logging.ILogger logger, Exception exception);
}
