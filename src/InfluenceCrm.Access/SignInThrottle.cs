namespace InfluenceCrm.Access;

/// <summary>
/// Throttling instead of lockout: failed sign-ins slow down the address tried and the client address that tried, never lock
/// the real person out. Each attempt takes the next turn of both (the later one); the first <see cref="FreeFailures"/>
/// failures of an address (<see cref="FreeClientFailures"/> of a client: an office behind one address tries many) cost
/// nothing, each further one doubles the wait before the next turn (1 s, 2 s, 4 s…, at most <see cref="MaxDelay"/>).
/// An attempt whose turn is further away than that is refused at once without checking the
/// password, the same for every address — so parallel guesses queue instead of racing, and once the guessing stops the
/// owner waits at most <see cref="MaxDelay"/>. A success clears the address and gives the client its attempt back.
/// Kept in memory, on purpose: it is a speed bump per process (with N instances, N times the rate, still exponential),
/// it costs no database write per attempt, and a restart forgets it — which only ever unlocks. Entries fade after
/// <see cref="Memory"/> without a failure. What failed and what was refused is in the audit log.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int FreeFailures = 3, FreeClientFailures = 10;
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Memory = TimeSpan.FromMinutes(15);
    private const int PruneAbove = 50_000;

    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    private sealed class Entry
    {
        public int Failures;
        public DateTimeOffset NotBefore;
        public DateTimeOffset Touched;
    }

    /// <summary>The wait after <paramref name="failures"/> failures in a row, the first <paramref name="free"/> - 1 costing nothing.</summary>
    public static TimeSpan Delay(int failures, int free = FreeFailures) =>
        failures < free ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(Math.Pow(2, failures - free), MaxDelay.TotalSeconds));

    /// <summary>
    /// Takes this attempt's turn for the address and the client: how long to wait before checking the password, or null
    /// when the turn is further than <see cref="MaxDelay"/> (refused now). The attempt counts as a failure until
    /// <see cref="Succeeded"/> says otherwise, so parallel attempts cannot all go first.
    /// </summary>
    public TimeSpan? Reserve(string email, string? client)
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            var keys = Keys(email, client);
            var turn = keys.Select(k => Get(k, now).NotBefore).Append(now).Max();
            if (turn - now > MaxDelay)
            {
                return null;
            }

            foreach (var key in keys)
            {
                var entry = Get(key, now);
                entry.Failures++;
                entry.NotBefore = turn + Delay(entry.Failures, key.StartsWith("client:", StringComparison.Ordinal) ? FreeClientFailures : FreeFailures);
                entry.Touched = now;
            }

            return turn - now;
        }
    }

    /// <summary>The password was right: the address starts afresh, the client gets back the attempt it reserved.</summary>
    public void Succeeded(string email, string? client)
    {
        lock (gate)
        {
            entries.Remove(AddressKey(email));
            if (client is not null && entries.TryGetValue(ClientKey(client), out var entry))
            {
                entry.Failures = Math.Max(0, entry.Failures - 1);
            }
        }
    }

    private static string AddressKey(string email) => "address:" + People.NormalizeEmail(email);

    private static string ClientKey(string client) => "client:" + client;

    private static string[] Keys(string email, string? client) => client is null ? [AddressKey(email)] : [AddressKey(email), ClientKey(client)];

    private Entry Get(string key, DateTimeOffset now)
    {
        if (entries.TryGetValue(key, out var entry) && now - entry.Touched < Memory)
        {
            return entry;
        }

        if (entries.Count >= PruneAbove)
        {
            foreach (var stale in entries.Where(e => now - e.Value.Touched >= Memory).Select(e => e.Key).ToList())
            {
                entries.Remove(stale);
            }
        }

        return entries[key] = new Entry { NotBefore = now, Touched = now };
    }
}
