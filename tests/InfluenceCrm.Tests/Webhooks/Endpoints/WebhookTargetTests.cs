using System.Net;
using InfluenceCrm.Webhooks;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Webhooks.Endpoints;

/// <summary>The operator's default: no private targets, checked when registering and again when connecting (after DNS).</summary>
public sealed class WebhookTargetTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    [Theory]
    [InlineData("http://shop.example.com/hook")]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://10.0.0.8/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("https://user:pass@shop.example.com/hook")]
    [InlineData("https://192.0.0.8/hook")]
    [InlineData("https://192.0.2.10/hook")]
    [InlineData("https://198.18.0.1/hook")]
    [InlineData("https://198.51.100.7/hook")]
    [InlineData("https://203.0.113.9/hook")]
    [InlineData("https://240.0.0.1/hook")]
    [InlineData("https://255.255.255.255/hook")]
    [InlineData("https://[::127.0.0.1]/hook")]
    [InlineData("https://[::ffff:10.0.0.1]/hook")]
    [InlineData("https://[64:ff9b::a9fe:a9fe]/hook")]
    [InlineData("https://[2001:db8::1]/hook")]
    [InlineData("https://[2002:a00:1::1]/hook")]
    [InlineData("https://[fd00::2]/hook")]
    [InlineData("https://[ff02::1]/hook")]
    public async Task Private_and_plain_http_targets_are_refused_when_registered(string url)
    {
        var problem = await (await api.Client().PostJson("/api/v1/webhooks/endpoints", new { url, eventTypes = new[] { "creator.created" } }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["url"]);
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("192.0.0.9", true)] // PCP anycast: globally reachable inside 192.0.0.0/24
    [InlineData("192.31.196.1", true)]
    [InlineData("2606:4700:4700::1111", true)]
    [InlineData("2001:4860:4860::8888", true)]
    [InlineData("2001:1::1", true)]
    [InlineData("::ffff:8.8.8.8", true)]
    [InlineData("64:ff9b::808:808", true)]
    [InlineData("0.1.2.3", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("192.0.0.170", false)]
    [InlineData("192.88.99.1", false)]
    [InlineData("198.19.255.255", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("::", false)]
    [InlineData("::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("::169.254.169.254", false)]
    [InlineData("64:ff9b::a00:1", false)]
    [InlineData("64:ff9b:1::1", false)]
    [InlineData("100::1", false)]
    [InlineData("2001::1", false)] // Teredo
    [InlineData("2001:2::1", false)]
    [InlineData("3fff::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fec0::1", false)]
    [InlineData("4000::1", false)]
    public void Only_globally_reachable_unicast_addresses_are_targets(string address, bool reachable) =>
        Assert.Equal(reachable, InfluenceCrm.Platform.Http.NetworkAddresses.IsGloballyReachable(IPAddress.Parse(address)));

    [Fact]
    public async Task This_machine_s_own_name_and_addresses_are_refused_when_registered()
    {
        var own = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(n => n.GetIPProperties().UnicastAddresses).Select(u => u.Address).Where(a => !a.IsIPv6LinkLocal)
            .Select(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{a}]" : a.ToString())
            .Prepend(Dns.GetHostName()).ToList();
        foreach (var host in own)
        {
            var endpoint = new { url = $"https://{host}/hook", eventTypes = new[] { "creator.created" } };
            var answer = await api.Client().PostJson("/api/v1/webhooks/endpoints", endpoint);
            Assert.True(answer.StatusCode == HttpStatusCode.BadRequest, $"{host}: {answer.StatusCode}");
        }
    }

    [Fact]
    public async Task Every_failure_to_connect_is_recorded_alike_whatever_its_cause()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Delay = path => path == "/stalls" ? TimeSpan.FromSeconds(5) : TimeSpan.Zero;
        var port = new Uri(receiver.Url("/")).Port;
        using var free = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        free.Start();
        var closed = ((IPEndPoint)free.LocalEndpoint).Port;
        free.Stop();
        var timeout = TimeSpan.FromSeconds(2);
        using var refusing = new HttpClient(WebhookSender.Handler(new WebhookSettings { AllowPrivateNetworkTargets = false, Timeout = timeout }));
        using var allowing = new HttpClient(WebhookSender.Handler(new WebhookSettings { AllowPrivateNetworkTargets = true, Timeout = timeout }));
        async Task<string?> Error(HttpClient client, string url)
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            var outcome = await new WebhookSender(new SingleClient(client)).SendAsync(url, "msg_1", "{}", ["whsec_" + Convert.ToBase64String(new byte[32])],
                DateTimeOffset.UtcNow, deadline.Token);
            Assert.False(outcome.Succeeded);
            Assert.Null(outcome.StatusCode);
            return outcome.Error;
        }

        var errors = new[]
        {
            await Error(refusing, $"http://127.0.0.1:{port}/blocked"),
            await Error(refusing, $"http://[::ffff:127.0.0.1]:{port}/blocked"),
            await Error(refusing, $"http://{Dns.GetHostName()}:{port}/blocked"),
            await Error(allowing, $"http://127.0.0.1:{closed}/closed"),
            await Error(allowing, "http://no-such-host.invalid/unknown"),
            await Error(allowing, receiver.Url("/stalls")),
        };
        Assert.All(errors, e => Assert.Equal("the endpoint could not be reached", e));
        Assert.Empty(receiver.At("/blocked"));
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_at_connect_time_and_redirects_are_not_followed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Status = path => path == "/redirect" ? 302 : 200;
        var port = new Uri(receiver.Url("/")).Port;
        using var refusing = new HttpClient(WebhookSender.Handler(new WebhookSettings { AllowPrivateNetworkTargets = false }));
        var sender = new WebhookSender(new SingleClient(refusing));
        var refused = await sender.SendAsync($"http://localhost:{port}/private", "msg_1", "{}", ["whsec_" + Convert.ToBase64String(new byte[32])],
            DateTimeOffset.UtcNow, default);
        Assert.False(refused.Succeeded);
        Assert.Equal("the endpoint could not be reached", refused.Error);
        Assert.Empty(receiver.At("/private"));

        using var allowing = new HttpClient(WebhookSender.Handler(new WebhookSettings { AllowPrivateNetworkTargets = true }));
        var redirected = await new WebhookSender(new SingleClient(allowing)).SendAsync(receiver.Url("/redirect"), "msg_2", "{}",
            ["whsec_" + Convert.ToBase64String(new byte[32])], DateTimeOffset.UtcNow, default);
        Assert.False(redirected.Succeeded);
        Assert.Equal(302, redirected.StatusCode);
        Assert.Single(receiver.At("/redirect"));
        Assert.Empty(receiver.At("/redirected-target"));
    }

    [Fact]
    public void The_signature_matches_the_specification_s_published_example()
    {
        // From the Standard Webhooks reference test suite.
        var signature = WebhookSender.Signature(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"], "msg_p5jXN8AQM9LWM0D4loKWxJek",
            DateTimeOffset.FromUnixTimeSeconds(1614265330),
            """{"test": 2432232314}""");
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    private sealed class SingleClient(HttpClient client) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => client;
    }
}
