using System.Globalization;

namespace InfluenceCrm.Api.Webhooks;

/// <summary>The operator's webhook settings (section Webhooks; see README, Webhooks).</summary>
internal sealed class WebhookSettings
{
    /// <summary>Lets endpoints target loopback and private addresses (and plain http): for a receiver inside the operator's own network. Off by default.</summary>
    public bool AllowPrivateNetworkTargets { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The waits before each retry after the first attempt: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (8 attempts over about 28 hours).</summary>
    public IReadOnlyList<TimeSpan> RetrySchedule { get; init; } = [];

    /// <summary>An endpoint is disabled once its attempts have all failed for this long and at least <see cref="DisableAfterConsecutiveFailures"/> times.</summary>
    public TimeSpan DisableAfterFailingFor { get; init; } = TimeSpan.FromHours(24);

    public int DisableAfterConsecutiveFailures { get; init; } = 10;

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(30);

    public static WebhookSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Webhooks");
        var schedule = section["RetryScheduleSeconds"] ?? "5,300,1800,7200,18000,36000,36000";
        return new WebhookSettings
        {
            AllowPrivateNetworkTargets = section.GetValue("AllowPrivateNetworkTargets", false),
            Timeout = TimeSpan.FromSeconds(section.GetValue("TimeoutSeconds", 10.0)),
            RetrySchedule = schedule.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => TimeSpan.FromSeconds(double.Parse(s, CultureInfo.InvariantCulture))).ToList(),
            DisableAfterFailingFor = TimeSpan.FromHours(section.GetValue("DisableAfterFailingHours", 24.0)),
            DisableAfterConsecutiveFailures = section.GetValue("DisableAfterConsecutiveFailures", 10),
            PollInterval = TimeSpan.FromMilliseconds(section.GetValue("PollIntervalMs", 1000.0)),
            Retention = TimeSpan.FromDays(section.GetValue("RetentionDays", 30.0)),
        };
    }

    /// <summary>Why a URL cannot be an endpoint, or null: https (http only where private targets are allowed), no credentials, no private address literal.</summary>
    public string? UrlProblem(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && AllowPrivateNetworkTargets))
        {
            return AllowPrivateNetworkTargets ? "url must be an absolute http or https URL." : "url must be an absolute https URL.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "url may not carry credentials (user:password@).";
        }

        if (!string.IsNullOrEmpty(uri.Fragment))
        {
            return "url may not have a fragment (#…).";
        }

        var host = uri.IdnHost.TrimEnd('.').ToLowerInvariant();
        if (AllowPrivateNetworkTargets)
        {
            return null;
        }

        if (host is "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal) || host.EndsWith(".local", StringComparison.Ordinal)
            || host.EndsWith(".internal", StringComparison.Ordinal))
        {
            return "url must name a public host (private network targets are not enabled: Webhooks:AllowPrivateNetworkTargets).";
        }

        return System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var ip) && Platform.Http.NetworkAddresses.IsPrivate(ip)
            ? "url may not be a loopback, private, link-local or metadata address (private network targets are not enabled: Webhooks:AllowPrivateNetworkTargets)."
            : null;
    }
}
