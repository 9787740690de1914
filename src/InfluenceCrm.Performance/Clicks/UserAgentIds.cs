using System.Collections.Concurrent;

namespace InfluenceCrm.Performance.Clicks;

/// <summary>
/// The ids of user agents the click writer has committed (perf_user_agents), so a click binds a number instead of
/// looking its text up. Bounded: when it holds more than 10,000 agents it starts again, and the database answers.
/// </summary>
internal sealed class UserAgentIds
{
    private const int Capacity = 10_000;
    private readonly ConcurrentDictionary<string, long> ids = new(StringComparer.Ordinal);

    public bool TryGet(string userAgent, out long id) => ids.TryGetValue(userAgent, out id);

    public void Remember(IReadOnlyDictionary<string, long> committed)
    {
        if (ids.Count + committed.Count > Capacity)
        {
            ids.Clear();
        }

        foreach (var (userAgent, id) in committed)
        {
            ids[userAgent] = id;
        }
    }
}
