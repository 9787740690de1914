using System.Net;
using System.Text.Json.Nodes;
using InfluenceCrm.Tests.Infrastructure;
using InfluenceCrm.Tests.Webhooks.Deliveries;

namespace InfluenceCrm.Tests.Webhooks.Endpoints;

/// <summary>POST /api/v1/webhooks/endpoints/{id}/test: a webhook.test event to that endpoint alone, signed and kept like any delivery.</summary>
public sealed class SendWebhookTestEventTests(WebhookFixture api) : IClassFixture<WebhookFixture>, IAsyncLifetime
{
    private WebhookReceiver receiver = null!;

    public async ValueTask InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async ValueTask DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task A_test_event_reaches_the_endpoint_whatever_it_subscribes_to_and_its_delivery_is_kept()
    {
        var created = await (await api.Client().PostJson("/api/v1/webhooks/endpoints",
            new { url = receiver.Url("/tested"), eventTypes = new[] { "conversion.recorded" } })).Expect(HttpStatusCode.Created);
        var endpoint = (string)created["endpoint"]!["id"]!;

        var sent = await api.Client().PostAsync($"/api/v1/webhooks/endpoints/{endpoint}/test", null);
        var delivery = await sent.Expect(HttpStatusCode.Accepted);
        Assert.Equal("webhook.test", (string)delivery["eventType"]!);
        Assert.Equal(HttpStatusCode.OK, (await api.Client().GetAsync(sent.Headers.Location)).StatusCode);

        var got = (await receiver.WaitAsync("/tested", r => r.Count >= 1)).Single();
        Assert.True(WebhookTests.SignedBy((string)created["secret"]!, got));
        Assert.Equal((string)delivery["eventId"]!, got.Id);
        var payload = JsonNode.Parse(got.Body)!;
        Assert.Equal("webhook.test", (string)payload["type"]!);
        Assert.Equal(endpoint, (string)payload["data"]!["endpointId"]!);
        var audit = await (await api.Client().GetAsync($"/api/v1/audit-log?entityType=webhook_endpoint&entityId={endpoint}")).Expect(HttpStatusCode.OK);
        Assert.Contains(audit["items"]!.AsArray(), e => (string)e!["action"]! == "webhook_endpoint.tested");
    }

    [Fact]
    public async Task A_disabled_endpoint_is_a_conflict_another_workspaces_is_not_found_and_only_admins_may_test()
    {
        var created = await (await api.Client().PostJson("/api/v1/webhooks/endpoints",
            new { url = receiver.Url("/off"), eventTypes = new[] { "creator.created" } })).Expect(HttpStatusCode.Created);
        var endpoint = (string)created["endpoint"]!["id"]!;
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Client("brand").PostAsync($"/api/v1/webhooks/endpoints/{endpoint}/test", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.OtherWorkspace().PostAsync($"/api/v1/webhooks/endpoints/{endpoint}/test", null)).StatusCode);

        var read = await api.Client().GetAsync($"/api/v1/webhooks/endpoints/{endpoint}");
        var disabled = await api.Client().Send(HttpMethod.Patch, $"/api/v1/webhooks/endpoints/{endpoint}", new { enabled = false }, read.ETag());
        await disabled.Expect(HttpStatusCode.OK);
        await (await api.Client().PostAsync($"/api/v1/webhooks/endpoints/{endpoint}/test", null)).Expect(HttpStatusCode.Conflict);
        Assert.Empty(receiver.At("/off"));
    }
}
