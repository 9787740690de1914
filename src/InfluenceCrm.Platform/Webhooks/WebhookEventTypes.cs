namespace InfluenceCrm.Platform.Webhooks;

/// <summary>
/// The catalogue of webhook events: what an endpoint may subscribe to (GET /api/v1/webhooks/event-types) and what the
/// outbox accepts. Each module declares the events it publishes in its own static class (CreatorEvents, ContractEvents…);
/// the host aggregates them here, in module order, the way it aggregates the modules' vocabularies.
/// </summary>
public sealed class WebhookEventTypes
{
    /// <summary>One event type: its wire name (never renamed: receivers switch on it) and what its data holds.</summary>
    public sealed record EventType(string Type, string Description);

    private readonly HashSet<string> known;

    public WebhookEventTypes(IEnumerable<EventType> all)
    {
        All = all.ToList();
        known = All.Select(t => t.Type).ToHashSet(StringComparer.Ordinal);
        if (known.Count != All.Count)
        {
            var twice = All.GroupBy(t => t.Type).Where(g => g.Count() > 1).Select(g => g.Key);
            throw new ArgumentException("An event type is declared twice: " + string.Join(", ", twice));
        }
    }

    public IReadOnlyList<EventType> All { get; }

    public bool IsKnown(string type) => known.Contains(type);
}

/// <summary>
/// A subject a scheduled check announces once (a payment fallen due, a grant ending, a take-down): the key it is announced
/// under, which changes when the subject is due anew, and the event's data, the resource as the API shows it.
/// </summary>
public sealed record ScheduledEvent(string Subject, object Data)
{
    /// <summary>
    /// Every page of a cursor-paged list, each item announced under its subject: what the modules' public queries for the
    /// scheduler do (ListDuePayments, ListEndingGrants, ListDueTakedowns).
    /// </summary>
    public static async Task<List<ScheduledEvent>> FromAllPagesAsync<T>(Func<string?, Task<(IReadOnlyList<T> Items, string? NextCursor)>> page,
        Func<T, string> subject)
        where T : notnull
    {
        var all = new List<ScheduledEvent>();
        string? cursor = null;
        do
        {
            var (items, next) = await page(cursor);
            all.AddRange(items.Select(i => new ScheduledEvent(subject(i), i)));
            cursor = next;
        }
        while (cursor is not null);
        return all;
    }
}
