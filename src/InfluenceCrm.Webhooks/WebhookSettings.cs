using System.Globalization;
using System.Net;
using System.Net.Sockets;
using InfluenceCrm.Platform.Http;

namespace InfluenceCrm.Webhooks;

/// <summary>The operator's webhook settings (section Webhooks; see README, Webhooks).</summary>
internal sealed class WebhookSettings
{
    /// <summary>
    /// Lets endpoints target loopback and private addresses (and plain http): for a receiver inside the operator's own
    /// network. Off by default.
    /// </summary>
    public bool AllowPrivateNetworkTargets { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The waits before each retry after the first attempt: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (8 attempts over about 28 hours).</summary>
    public IReadOnlyList<TimeSpan> RetrySchedule { get; init; } = [];

    /// <summary>
    /// An endpoint is disabled once its attempts have all failed for this long and at least
    /// <see cref="DisableAfterConsecutiveFailures"/> times.
    /// </summary>
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

    /// <summary>
    /// Why a URL cannot be an endpoint, or null: https (http only where private targets are allowed), no credentials, and
    /// not a local name, this machine's name or an address that is not globally reachable (see <see cref="IsAllowedTarget"/>).
    /// </summary>
    public string? UrlProblem(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && AllowPrivateNetworkTargets))
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
            || host.EndsWith(".internal", StringComparison.Ordinal) || NetworkAddresses.IsThisHostName(host))
        {
            return "url must name a public host (private network targets are not enabled: Webhooks:AllowPrivateNetworkTargets).";
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var ip) && !IsAllowedTarget(ip) ? NotPublic : null;
    }

    public const string NotPublic = "url must reach a public address: loopback, private, link-local, documentation, reserved and this server's own "
        + "addresses are refused (private network targets are not enabled: Webhooks:AllowPrivateNetworkTargets).";

    /// <summary>
    /// Why the URL's host name resolves to an address that is no target, or null (also when it does not resolve now: each
    /// connection checks again).
    /// </summary>
    public async Task<string?> ResolvedProblemAsync(string? url, CancellationToken ct)
    {
        if (AllowPrivateNetworkTargets || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.HostNameType != UriHostNameType.Dns)
        {
            return null;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(uri.IdnHost, deadline.Token);
            return addresses.All(IsAllowedTarget) ? null : NotPublic;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>A globally reachable unicast address (IANA's special-purpose registries) that is not one of this machine's own.</summary>
    public bool IsAllowedTarget(IPAddress ip) => AllowPrivateNetworkTargets || NetworkAddresses.IsGloballyReachable(ip) && !NetworkAddresses.IsThisHost(ip);
}
