using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StandardWebhooks;

namespace InfluenceCrm.Webhooks;

/// <summary>
/// Sends one signed webhook request. Signed as Standard Webhooks says (webhook-id, webhook-timestamp, webhook-signature
/// "v1,&lt;base64 HMAC-SHA256 of id.timestamp.body&gt;"; during a secret's rotation overlap, one signature per secret,
/// space-separated). The request cannot be turned against us: the target's addresses are checked where the socket connects
/// (after DNS, so a name that resolves to a private address is refused, however it was registered: DNS rebinding), no
/// proxy, no redirect followed, the answer read up to 4 KiB. Every failure to get an answer is recorded alike
/// (<see cref="Unreachable"/>), so the attempts do not tell a refused port from a closed one or a blocked address; the
/// cause goes to the operator's log.
/// </summary>
internal sealed partial class WebhookSender
{
    public const string HttpClientName = "webhooks";
    public const string Unreachable = "the endpoint could not be reached";
    private const int MaxResponseBytes = 4096;
    private readonly HttpClient http;
    private readonly ILogger<WebhookSender>? logger;

    public WebhookSender(IHttpClientFactory factory, ILogger<WebhookSender>? logger = null)
    {
        http = factory.CreateClient(HttpClientName);
        this.logger = logger;
    }

    public sealed record Outcome(bool Succeeded, int? StatusCode, string? Error, string? ResponseExcerpt, long DurationMs);

    public static SocketsHttpHandler Handler(WebhookSettings settings) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        MaxResponseHeadersLength = 16,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = settings.Timeout,
        ConnectCallback = async (context, ct) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
            if (addresses.FirstOrDefault(a => !settings.IsAllowedTarget(a)) is { } refused)
            {
                throw new TargetRefusedException($"{host} resolves to {refused}, which is not a globally reachable address of another host.");
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    internal sealed class TargetRefusedException(string message) : Exception(message);

    /// <summary>The webhook-signature header: one "v1,…" per secret that signs now.</summary>
    public static string Signature(IEnumerable<string> secrets, string messageId, DateTimeOffset timestamp, string body) =>
        string.Join(' ', secrets.Select(secret => new StandardWebhook(secret).Sign(messageId, timestamp, body)));

    /// <param name="ct">The attempt's own deadline (its timeout) linked to the service's stop: a timeout is an outcome; a stop is thrown.</param>
    /// <param name="stopping">The service's stop alone.</param>
    public async Task<Outcome> SendAsync(string url, string messageId, string body, IReadOnlyList<string> secrets, DateTimeOffset timestamp,
        CancellationToken ct,
        CancellationToken stopping = default)
    {
        var started = Stopwatch.GetTimestamp();
        long Elapsed() => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", Signature(secrets, messageId, timestamp, body));
        request.Headers.UserAgent.ParseAdd("InfluenceCrm-Webhooks/1.0");
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var excerpt = await ReadExcerptAsync(response, ct);
            var status = (int)response.StatusCode;
            var succeeded = status is >= 200 and < 300;
            return new Outcome(succeeded, status, succeeded ? null : status is >= 300 and < 400 ? "redirects are not followed" : null, excerpt, Elapsed());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException or IOException
            && !stopping.IsCancellationRequested)
        {
            if (logger is not null)
            {
                LogUnreachable(logger, request.RequestUri?.Host, e is OperationCanceledException ? "timed out" : (e.InnerException ?? e).Message);
            }

            return new Outcome(false, null, Unreachable, null, Elapsed());
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook target {Host} could not be reached: {Cause}")]
    private static partial void LogUnreachable(ILogger logger, string? host, string cause);

    private static async Task<string?> ReadExcerptAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[MaxResponseBytes];
        var read = 0;
        while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), ct) is var n && n > 0)
        {
            read += n;
        }

        if (read == 0)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(buffer, 0, read);
        return text.Length > 500 ? text[..500] : text;
    }
}
