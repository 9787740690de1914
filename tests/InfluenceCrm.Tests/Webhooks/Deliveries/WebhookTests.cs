using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Creators.PublicQueries;
using InfluenceCrm.Performance.PublicQueries;
using InfluenceCrm.Webhooks;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Webhooks;
using InfluenceCrm.Tests.Infrastructure;
using InfluenceCrm.UgcRights.PublicQueries;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Webhooks.Deliveries;

/// <summary>Webhooks to a real receiver on loopback: fast retries, and an endpoint disabled after three failures in a row.</summary>
public sealed class WebhookFixture : SqliteApiFixture
{
    public static readonly IReadOnlyDictionary<string, string?> FastRetries = new Dictionary<string, string?>
    {
        ["Webhooks:AllowPrivateNetworkTargets"] = "true",
        ["Webhooks:RetryScheduleSeconds"] = "0.2,0.2,0.2,0.2",
        ["Webhooks:PollIntervalMs"] = "50",
        ["Webhooks:TimeoutSeconds"] = "3",
        ["Webhooks:DisableAfterFailingHours"] = "0",
        ["Webhooks:DisableAfterConsecutiveFailures"] = "3",
    };

    protected override IReadOnlyDictionary<string, string?> Settings => FastRetries;
}

public sealed class WebhookOnSqlServerFixture : SqlServerApiFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => WebhookFixture.FastRetries;
}

public abstract class WebhookTests(ApiFixture api) : IAsyncLifetime
{
    private WebhookReceiver receiver = null!;

    public async ValueTask InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async ValueTask DisposeAsync() => await receiver.DisposeAsync();

    /// <summary>The Standard Webhooks check, written from the specification: HMAC-SHA256 keyed by the base64 after "whsec_", over
    /// "id.timestamp.body".</summary>
    internal static bool SignedBy(string secret, WebhookReceiver.Received r)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{r.Id}.{r.Timestamp}.{r.Body}")));
        return r.Signature.Split(' ').Any(s => s == "v1," + expected);
    }

    private async Task<(string Id, string Secret)> EndpointAsync(string path, params string[] eventTypes)
    {
        var created = await (await api.Client().PostJson("/api/v1/webhooks/endpoints", new { url = receiver.Url(path), description = path, eventTypes }))
            .Expect(HttpStatusCode.Created);
        return ((string)created["endpoint"]!["id"]!, (string)created["secret"]!);
    }

    [Fact]
    public async Task A_change_reaches_the_receiver_signed_as_the_standard_says_and_every_attempt_is_kept()
    {
        var (endpoint, secret) = await EndpointAsync("/signed", CreatorEvents.Created);
        Assert.StartsWith("whsec_", secret);
        var creator = await (await api.Client().PostJson("/api/v1/creators", new { displayName = "Hooked" })).Expect(HttpStatusCode.Created);

        var got = (await receiver.WaitAsync("/signed", r => r.Count >= 1)).Single();
        Assert.True(SignedBy(secret, got), $"signature {got.Signature} does not verify");
        Assert.StartsWith("msg_", got.Id);
        Assert.InRange(long.Parse(got.Timestamp), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(),
            DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());
        var payload = JsonNode.Parse(got.Body)!;
        Assert.Equal("creator.created", (string)payload["type"]!);
        Assert.Equal((string)creator["id"]!, (string)payload["data"]!["id"]!);
        Assert.Equal("Hooked", (string)payload["data"]!["displayName"]!);
        Assert.DoesNotContain("whsec_", got.Body);

        var attempts = await WaitAsync(() => api.Client().GetAsync($"/api/v1/webhooks/endpoints/{endpoint}/attempts"),
            page => page["items"]!.AsArray().Count == 1);
        var attempt = attempts["items"]![0]!;
        Assert.Equal("succeeded", (string)attempt["outcome"]!);
        Assert.Equal(200, (int)attempt["statusCode"]!);
        Assert.Equal(got.Id, (string)attempt["eventId"]!);
        var delivery = await (await api.Client().GetAsync($"/api/v1/webhooks/endpoints/{endpoint}/deliveries/{(string)attempt["deliveryId"]!}"))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("delivered", (string)delivery["status"]!);
    }

    [Fact]
    public async Task Failures_are_retried_with_the_same_id_until_the_receiver_answers_then_a_replay_sends_it_again()
    {
        var failuresLeft = 2;
        receiver.Status = path => path == "/flaky" && Interlocked.Decrement(ref failuresLeft) >= 0 ? 500 : 200;
        var (endpoint, secret) = await EndpointAsync("/flaky", CreatorEvents.Created);
        await (await api.Client().PostJson("/api/v1/creators", new { displayName = "Retried" })).Expect(HttpStatusCode.Created);

        var got = await receiver.WaitAsync("/flaky", r => r.Count >= 3);
        Assert.Single(got.Select(r => r.Id).Distinct());
        Assert.All(got, r => Assert.True(SignedBy(secret, r)));
        var deliveries = await WaitAsync(() => api.Client().GetAsync($"/api/v1/webhooks/endpoints/{endpoint}/deliveries"),
            page => page["items"]!.AsArray().Any(d => (string)d!["status"]! == "delivered"));
        var delivery = deliveries["items"]![0]!;
        Assert.Equal(3, (int)delivery["attempts"]!);
        var attempts = await (await api.Client().GetAsync($"/api/v1/webhooks/endpoints/{endpoint}/attempts?deliveryId={(string)delivery["id"]!}"))
            .Expect(HttpStatusCode.OK);
        Assert.Equal(["succeeded", "failed", "failed"], attempts["items"]!.AsArray().Select(a => (string)a!["outcome"]!));
        Assert.Equal([200, 500, 500], attempts["items"]!.AsArray().Select(a => (int)a!["statusCode"]!));
        var endpointView = await (await api.Client().GetAsync($"/api/v1/webhooks/endpoints/{endpoint}")).Expect(HttpStatusCode.OK);
        Assert.Equal(0, (int)endpointView["consecutiveFailures"]!);

        var replay = await api.Client().PostAsync($"/api/v1/webhooks/endpoints/{endpoint}/deliveries/{(string)delivery["id"]!}/replay", null);
        var replayed = await replay.Expect(HttpStatusCode.Accepted);
        Assert.Equal((string)delivery["id"]!, (string)replayed["replayOf"]!);
        Assert.Equal(HttpStatusCode.OK, (await api.Client().GetAsync(replay.Headers.Location)).StatusCode);
        var again = await receiver.WaitAsync("/flaky", r => r.Count >= 4);
        Assert.Equal(got[0].Id, again[3].Id); // the same webhook-id: the receiver can tell it already has it
        Assert.True(SignedBy(secret, again[3]));
    }

    [Fact]
    public async Task A_receiver_that_stalls_is_a_timed_out_attempt_and_the_service_keeps_running()
    {
        receiver.Delay = path => path == "/stalls" ? TimeSpan.FromSeconds(5) : TimeSpan.Zero; // the fixture's timeout is 3 s
        var (endpoint, _) = await EndpointAsync("/stalls", CreatorEvents.Created);
        await (await api.Client().PostJson("/api/v1/creators", new { displayName = "Stalled" })).Expect(HttpStatusCode.Created);

        var attempts = await WaitAsync(() => api.Client().GetAsync($"/api/v1/webhooks/endpoints/{endpoint}/attempts"),
            page => page["items"]!.AsArray().Count >= 1);
        var attempt = attempts["items"]![0]!;
        Assert.Equal("failed", (string)attempt["outcome"]!);
        Assert.Equal("the endpoint could not be reached", (string)attempt["error"]!);
        receiver.Delay = _ => TimeSpan.Zero;
        await (await api.Client().GetAsync("/api/v1/webhooks/event-types")).Expect(HttpStatusCode.OK); // the host still serves
        await WaitAsync(() => api.Client().GetAsync($"/api/v1/webhooks/endpoints/{endpoint}/attempts?outcome=succeeded"),
            page => page["items"]!.AsArray().Count >= 1);
    }

    [Fact]
    public async Task An_endpoint_that_keeps_failing_is_disabled_and_the_workspace_hears_of_it()
    {
        receiver.Status = path => path == "/down" ? 503 : 200;
        var (down, _) = await EndpointAsync("/down", CreatorEvents.Updated);
        var (watcher, watcherSecret) = await EndpointAsync("/watcher", WebhookEndpointEvents.EndpointDisabled);
        var creator = (string)(await (await api.Client().PostJson("/api/v1/creators", new { displayName = "Down" })).Expect(HttpStatusCode.Created))["id"]!;
        var read = await api.Client().GetAsync($"/api/v1/creators/{creator}");
        await api.Client().Send(HttpMethod.Patch, $"/api/v1/creators/{creator}", new { notes = "changed" }, read.ETag());

        // Endpoints of earlier tests (their receivers gone) may be disabled too: the watcher hears of each.
        static string? DisabledId(WebhookReceiver.Received r) => (string?)JsonNode.Parse(r.Body)!["data"]!["id"];
        var alert = (await receiver.WaitAsync("/watcher", r => r.Any(a => DisabledId(a) == down))).Single(a => DisabledId(a) == down);
        Assert.True(SignedBy(watcherSecret, alert));
        Assert.Equal("webhook_endpoint.disabled", (string)JsonNode.Parse(alert.Body)!["type"]!);
        Assert.Equal(3, receiver.At("/down").Count);
        var view = await (await api.Client().GetAsync($"/api/v1/webhooks/endpoints/{down}")).Expect(HttpStatusCode.OK);
        Assert.Equal("disabled", (string)view["status"]!);
        Assert.Contains("HTTP 503", (string)view["disabledReason"]!);
        var audit = await (await api.Client().GetAsync($"/api/v1/audit-log?entityType=webhook_endpoint&entityId={down}")).Expect(HttpStatusCode.OK);
        Assert.Contains(audit["items"]!.AsArray(), e => (string)e!["action"]! == "webhook_endpoint.disabled");

        // Disabled: nothing more is sent; enabled again (If-Match), what waited goes out.
        receiver.Status = _ => 200;
        await api.Client()
            .Send(HttpMethod.Patch, $"/api/v1/creators/{creator}", new { notes = "changed again" },
            (await api.Client().GetAsync($"/api/v1/creators/{creator}")).ETag());
        await Task.Delay(500);
        Assert.Equal(3, receiver.At("/down").Count);
        var endpointRead = await api.Client().GetAsync($"/api/v1/webhooks/endpoints/{down}");
        await (await api.Client().Send(HttpMethod.Patch, $"/api/v1/webhooks/endpoints/{down}", new { enabled = true }, endpointRead.ETag()))
            .Expect(HttpStatusCode.OK);
        await receiver.WaitAsync("/down", r => r.Count >= 4);
        _ = watcher;
    }

    [Fact]
    public async Task A_rotated_secret_keeps_signing_beside_the_new_one_during_the_overlap()
    {
        var (endpoint, old) = await EndpointAsync("/rotated", CreatorEvents.Created);
        var rotated = await (await api.Client().PostJson($"/api/v1/webhooks/endpoints/{endpoint}/secret/rotate", new { overlapHours = 2 }))
            .Expect(HttpStatusCode.OK);
        var secret = (string)rotated["secret"]!;
        Assert.NotEqual(old, secret);
        await (await api.Client().PostJson("/api/v1/creators", new { displayName = "Rotated" })).Expect(HttpStatusCode.Created);

        var got = (await receiver.WaitAsync("/rotated", r => r.Count >= 1)).Single();
        Assert.Equal(2, got.Signature.Split(' ').Length);
        Assert.True(SignedBy(secret, got));
        Assert.True(SignedBy(old, got));
        Assert.DoesNotContain(secret, (await (await api.Client().GetAsync($"/api/v1/webhooks/endpoints/{endpoint}")).Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task No_event_is_sent_for_a_change_that_rolled_back()
    {
        await EndpointAsync("/rolled-back", CreatorEvents.Created);
        var db = api.Services.GetRequiredService<Db>();
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<WebhookOutbox>();
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.InTransactionAsync(async (c, tx) =>
            {
                await outbox.PublishAsAsync(c, tx, api.MainWorkspaceId, CreatorEvents.Created, new { id = "cr_never" });
                throw new InvalidOperationException("the change failed after its event was written");
            }));
        }

        await (await api.Client().PostJson("/api/v1/creators", new { displayName = "After the rollback" })).Expect(HttpStatusCode.Created);
        var got = await receiver.WaitAsync("/rolled-back", r => r.Count >= 1);
        await Task.Delay(300);
        Assert.Single(receiver.At("/rolled-back"));
        Assert.DoesNotContain("cr_never", got[0].Body);
        await using var connection = await db.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM platform_webhook_events WHERE payload LIKE '%cr_never%'"));
    }

    [Fact]
    public async Task The_hourly_check_announces_an_expiring_grant_and_the_takedown_it_forces_once_each()
    {
        var (_, secret) = await EndpointAsync("/scheduled", UgcRightsEvents.GrantExpiring, UgcRightsEvents.TakedownRequired);
        var asset = (string)(await (await api.Client().PostJson("/api/v1/ugc/assets", new
        {
            sourceUrl = "https://instagram.com/p/sched" + Guid.NewGuid().ToString("N")[..6],
            platform = "instagram",
            authorHandle = "@camille.d",
            mediaType = "image",
        })).Expect(HttpStatusCode.Created))["id"]!;
        var grant = (string)(await (await api.Client("legal").PostJson("/api/v1/ugc/grants", new JsonObject
        {
            ["assetId"] = asset,
            ["terms"] = UgcRights.UgcRightsApiTests.Terms(endIn: 10),
            ["evidence"] = UgcRights.UgcRightsApiTests.Evidence(),
        })).Expect(HttpStatusCode.Created))["id"]!;
        var usage = (string)(await (await api.Client().PostJson($"/api/v1/ugc/assets/{asset}/usages", new
        {
            channel = "website",
            territory = "FR",
            from = UgcRights.UgcRightsApiTests.Day(-1),
        })).Expect(HttpStatusCode.Created))["id"]!;

        var schedule = api.Services.GetRequiredService<WebhookSchedule>();
        Assert.True(await schedule.RunOnceAsync(default) >= 2);
        var got = await receiver.WaitAsync("/scheduled", r => r.Count >= 2);
        Assert.All(got, r => Assert.True(SignedBy(secret, r)));
        var payloads = got.Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.Contains(payloads, p => (string)p["type"]! == "grant.expiring" && (string)p["data"]!["id"]! == grant);
        Assert.Contains(payloads, p => (string)p["type"]! == "takedown.required" && (string)p["data"]!["usageId"]! == usage
            && (string)p["data"]!["takeDownBefore"]! == UgcRights.UgcRightsApiTests.Day(10 + 1));

        Assert.Equal(0, await schedule.RunOnceAsync(default)); // told once
    }

    [Fact]
    public async Task Dispatchers_running_side_by_side_send_each_event_once()
    {
        await EndpointAsync("/replicas", CreatorEvents.Created);
        await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
            await (await api.Client().PostJson("/api/v1/creators", new { displayName = $"Replica {i}" })).Expect(HttpStatusCode.Created)));

        // Two more dispatchers (as two more replicas would run) beside the host's own, all claiming at once.
        var replicas = Enumerable.Range(0, 2).Select(_ => ActivatorUtilities.CreateInstance<WebhookDispatcher>(api.Services)).ToList();
        var stop = DateTime.UtcNow.AddSeconds(10);
        await Task.WhenAll(replicas.Select(async dispatcher =>
        {
            while (receiver.At("/replicas").Count < 30 && DateTime.UtcNow < stop)
            {
                await dispatcher.DeliverDueAsync(default);
            }
        }));

        var got = await receiver.WaitAsync("/replicas", r => r.Count >= 30);
        await Task.Delay(300);
        Assert.Equal(30, receiver.At("/replicas").Count);
        Assert.Equal(30, got.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public async Task Endpoints_and_the_catalogue_are_listed_and_unknown_event_types_are_refused()
    {
        var catalogue = await (await api.Client("viewer").GetAsync("/api/v1/webhooks/event-types")).Expect(HttpStatusCode.OK);
        var types = catalogue["items"]!.AsArray().Select(t => (string)t!["type"]!).ToList();
        Assert.Contains("conversion.recorded", types);
        Assert.Contains("takedown.required", types);
        var problem = await (await api.Client()
            .PostJson("/api/v1/webhooks/endpoints", new { url = receiver.Url("/x"), eventTypes = new[] { "creator.exploded" } }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Contains("creator.exploded", problem["errors"]!.ToJsonString());
        await EndpointAsync("/listed", PerformanceEvents.ConversionRecorded);
        var listed = await (await api.Client().GetAsync("/api/v1/webhooks/endpoints?limit=200")).Expect(HttpStatusCode.OK);
        Assert.Contains(listed["items"]!.AsArray(), e => (string)e!["description"]! == "/listed");
        Assert.DoesNotContain("whsec_", listed.ToJsonString());
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Client("integration").GetAsync("/api/v1/webhooks/endpoints")).StatusCode);
    }

    private static async Task<JsonNode> WaitAsync(Func<Task<HttpResponseMessage>> read, Func<JsonNode, bool> done)
    {
        for (var i = 0; ; i++)
        {
            var page = await (await read()).Expect(HttpStatusCode.OK);
            if (done(page) || i == 100)
            {
                return page;
            }

            await Task.Delay(100);
        }
    }
}

public sealed class WebhooksOnSqlite(WebhookFixture api) : WebhookTests(api), IClassFixture<WebhookFixture>;

public sealed class WebhooksOnSqlServer(WebhookOnSqlServerFixture api) : WebhookTests(api), IClassFixture<WebhookOnSqlServerFixture>;
