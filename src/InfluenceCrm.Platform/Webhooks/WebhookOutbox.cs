using System.Data.Common;
using System.Text.Json;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using Microsoft.Extensions.Options;

namespace InfluenceCrm.Platform.Webhooks;

/// <summary>
/// Writes a webhook event in the transaction of the change it tells of (the outbox): if the change rolls back, so does the
/// event, and no receiver hears of what did not happen. One delivery row is added per enabled endpoint of the workspace
/// subscribed to the type; the dispatcher (the Webhooks module) sends them. The payload is the Standard Webhooks
/// envelope {type, timestamp, data}, data being the resource as the API shows it: ids and public views, never secrets.
/// </summary>
public sealed class WebhookOutbox(Caller caller, TimeProvider clock, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, WebhookEventTypes catalogue)
{
    internal static readonly Sql InsertEvent = Sql.Both("""
        INSERT INTO platform_webhook_events (id, workspace_id, type, occurred_at, payload) VALUES (@Id, @WorkspaceId, @Type, @OccurredAt, @Payload)
        """);

    internal static readonly Sql Subscribers = Sql.Both("""
        SELECT e.id FROM platform_webhook_endpoints e
        WHERE e.workspace_id = @WorkspaceId AND e.status = 'enabled'
          AND EXISTS (SELECT 1 FROM platform_webhook_endpoint_events t WHERE t.endpoint_id = e.id AND t.event_type = @Type)
        ORDER BY e.id
        """);

    public static readonly Sql InsertDelivery = Sql.Both("""
        INSERT INTO platform_webhook_deliveries (id, workspace_id, endpoint_id, event_id, replay_of, status, attempts, next_attempt_at, created_at)
        VALUES (@Id, @WorkspaceId, @EndpointId, @EventId, @ReplayOf, 'pending', 0, @Now, @Now)
        """);

    // Ids and event types are made of letters, digits, '_' and '.': nothing in them needs escaping in JSON.
    internal static readonly Sql EraseMentioning = Sql.Per(
        sqlite: """
            UPDATE platform_webhook_events SET payload = '{"type":"' || type || '","data":{"erasedRecord":"' || @Id || '"}}'
            WHERE workspace_id = @WorkspaceId AND payload LIKE @Pattern ESCAPE '\'
            """,
        sqlServer: """
            UPDATE platform_webhook_events SET payload = CONCAT(N'{"type":"', type, N'","data":{"erasedRecord":"', @Id, N'"}}')
            WHERE workspace_id = @WorkspaceId AND payload LIKE @Pattern ESCAPE '\'
            """);

    public Task PublishAsync(DbConnection connection, DbTransaction transaction, string type, object data, CancellationToken ct = default) =>
        PublishAsAsync(connection, transaction, caller.WorkspaceId, type, data, ct);

    /// <summary>For changes made without an API key (a public form, a scheduled check): the workspace is named explicitly.</summary>
    public async Task PublishAsAsync(DbConnection connection, DbTransaction transaction, string workspaceId, string type, object data,
        CancellationToken ct = default)
    {
        if (!catalogue.IsKnown(type))
        {
            throw new ArgumentException($"'{type}' is not in the webhook event catalogue.", nameof(type));
        }

        var endpoints = (await connection.QueryAsync<string>(Subscribers, new { WorkspaceId = workspaceId, Type = type }, transaction, ct)).ToList();
        if (endpoints.Count == 0)
        {
            return; // nobody listens: nothing to keep
        }

        var now = clock.GetUtcNow();
        var id = Ids.New("msg");
        var payload = JsonSerializer.Serialize(new { type, timestamp = now, data }, json.Value.SerializerOptions);
        await connection.ExecuteAsync(InsertEvent, new { Id = id, WorkspaceId = workspaceId, Type = type, OccurredAt = now, Payload = payload },
            transaction, ct);
        foreach (var endpoint in endpoints)
        {
            await connection.ExecuteAsync(InsertDelivery,
                new { Id = Ids.New("whd"), WorkspaceId = workspaceId, EndpointId = endpoint, EventId = id, ReplayOf = (string?)null, Now = now },
                transaction, ct);
        }
    }

    /// <summary>
    /// Erasure support: an event is a copy of the resource, so events naming an erased record keep their type and the
    /// erased record's id only (data: {"erasedRecord": id}); deliveries still pending or replayed send that.
    /// </summary>
    public static Task EraseMentioningAsync(DbConnection connection, DbTransaction transaction, string workspaceId, string id, CancellationToken ct) =>
        connection.ExecuteAsync(EraseMentioning, new { WorkspaceId = workspaceId, Id = id, Pattern = Http.Text.ContainsPattern(id) }, transaction, ct);
}
