namespace InfluenceCrm.Platform.WebConsole;

/// <summary>Where the console finds a workspace's time zone (the Access module keeps it with the workspace's branding).</summary>
public interface IWorkspaceTimeZones
{
    /// <summary>The workspace's IANA time zone id, or null when none was chosen.</summary>
    Task<string?> FindAsync(string workspaceId, CancellationToken cancellationToken = default);
}

/// <summary>
/// The time zone in which the console shows and reads times for the request being served: the workspace's (an IANA id such
/// as Europe/Paris, chosen in its settings), Europe/Paris when none was chosen. Times are stored in UTC; only the console's
/// display and its datetime-local inputs use this zone.
/// </summary>
public static class WorkspaceTime
{
    public const string DefaultZoneId = "Europe/Paris";

    private static readonly AsyncLocal<TimeZoneInfo?> Current = new();

    private static readonly Lazy<IReadOnlyList<string>> AllIds = new(() => TimeZoneInfo.GetSystemTimeZones()
        .Select(z => z.HasIanaId ? z.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(z.Id, out var iana) ? iana : null)
        .OfType<string>().Where(id => id.Contains('/', StringComparison.Ordinal) && !id.StartsWith("Etc/", StringComparison.Ordinal))
        .Append("UTC").Append(DefaultZoneId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());

    public static TimeZoneInfo Default { get; } = TimeZoneInfo.TryFindSystemTimeZoneById(DefaultZoneId, out var paris) ? paris : TimeZoneInfo.Utc;

    /// <summary>The zone of the request being served (set by the console's middleware), else the default.</summary>
    public static TimeZoneInfo Zone
    {
        get => Current.Value ?? Default;
        set => Current.Value = value;
    }

    /// <summary>The IANA ids a workspace may choose from (the system's zones, Etc/ aside), sorted.</summary>
    public static IReadOnlyList<string> Ids => AllIds.Value;

    /// <summary>The zone of an IANA id from <see cref="Ids"/>, or null for anything else.</summary>
    public static TimeZoneInfo? Find(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 64)
        {
            return null;
        }

        return Ids.Contains(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
    }

    /// <summary>A wall-clock time read in the zone (a datetime-local input) as a UTC instant; a time skipped by a clock change moves forward.</summary>
    public static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo? zone = null)
    {
        zone ??= Zone;
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        for (var i = 0; i < 4 && zone.IsInvalidTime(local); i++)
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    /// <summary>An instant as the zone's wall clock.</summary>
    public static DateTime ToLocal(DateTimeOffset at, TimeZoneInfo? zone = null) => TimeZoneInfo.ConvertTime(at, zone ?? Zone).DateTime;
}
