using System.Data.Common;
using System.Security.Cryptography;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;

namespace InfluenceCrm.Webhooks;

/// <summary>The statements on the webhook tables shared by several features and the dispatcher.</summary>
internal static class WebhookStore
{
    public static readonly Sql LoadEndpoint = Sql.Both("""
        SELECT id AS Id, workspace_id AS WorkspaceId, url AS Url, description AS Description, status AS Status, disabled_reason AS DisabledReason,
            previous_secret_expires_at AS PreviousSecretExpiresAt, consecutive_failures AS ConsecutiveFailures, failing_since AS FailingSince,
            created_at AS CreatedAt, updated_at AS UpdatedAt, version AS Version
        FROM platform_webhook_endpoints WHERE workspace_id = @WorkspaceId AND id = @Id
        """);

    public static readonly Sql LoadEventTypes = Sql.Both("""
        SELECT event_type FROM platform_webhook_endpoint_events WHERE endpoint_id = @Id ORDER BY event_type
        """);

    public static readonly Sql InsertEndpoint = Sql.Both("""
        INSERT INTO platform_webhook_endpoints (id, workspace_id, url, description, status, secret, consecutive_failures, created_at, updated_at, version)
        VALUES (@Id, @WorkspaceId, @Url, @Description, 'enabled', @Secret, 0, @Now, @Now, 1)
        """);

    public static readonly Sql InsertEventType = Sql.Both("""
        INSERT INTO platform_webhook_endpoint_events (endpoint_id, event_type) VALUES (@Id, @EventType)
        """);

    public static readonly Sql DeleteEventTypes = Sql.Both("DELETE FROM platform_webhook_endpoint_events WHERE endpoint_id = @Id");

    public sealed class EndpointRow
    {
        public string Id { get; init; } = "";
        public string WorkspaceId { get; init; } = "";
        public string Url { get; init; } = "";
        public string? Description { get; init; }
        public string Status { get; init; } = "";
        public string? DisabledReason { get; init; }
        public DateTimeOffset? PreviousSecretExpiresAt { get; init; }
        public int ConsecutiveFailures { get; init; }
        public DateTimeOffset? FailingSince { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
        public long Version { get; init; }
    }

    public static async Task<WebhookEndpointView?> FindEndpointAsync(DbConnection c, DbTransaction? tx, string workspaceId, string id, CancellationToken ct)
    {
        var row = await c.QuerySingleOrDefaultAsync<EndpointRow>(LoadEndpoint, new { WorkspaceId = workspaceId, Id = id }, tx, ct);
        return row is null ? null : WebhookEndpointView.From(row, (await c.QueryAsync<string>(LoadEventTypes, new { row.Id }, tx, ct)).ToList());
    }

    /// <summary>
    /// A page of an endpoint's deliveries or attempts (ListWebhookDeliveries, ListWebhookAttempts): the endpoint must be the
    /// caller's (else 404), then the ids of one keyset page, then their rows in page order.
    /// </summary>
    public static async Task<Page<TView>> EndpointPageAsync<TRow, TView>(Db db, string workspaceId, string endpointId, KeysetOrder order,
        string sortName, int? limit, string? cursor, object filters, Sql load, Func<TRow, string> idOf, Func<TRow, TView> view, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        _ = await FindEndpointAsync(c, null, workspaceId, endpointId, ct) ?? throw new NotFoundException("webhook endpoint", endpointId);
        var page = await KeysetSearch.PageAsync(c, order, sortName, limit ?? Cursor.DefaultLimit, cursor, filters, ct);
        var rows = await c.QueryAsync<TRow>(load, new { WorkspaceId = workspaceId, Ids = System.Text.Json.JsonSerializer.Serialize(page.Items) }, ct: ct);
        return KeysetSearch.InPageOrder(page, rows, idOf, view);
    }

    /// <summary>A signing secret as Standard Webhooks writes it: "whsec_" and 32 random bytes in base64.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static readonly Sql LoadDelivery = Sql.Both("""
        SELECT d.id AS Id, d.endpoint_id AS EndpointId, d.event_id AS EventId, e.type AS EventType, d.replay_of AS ReplayOf, d.status AS Status,
            d.attempts AS Attempts, d.next_attempt_at AS NextAttemptAt, d.created_at AS CreatedAt, d.last_attempt_at AS LastAttemptAt
        FROM platform_webhook_deliveries d JOIN platform_webhook_events e ON e.id = d.event_id
        WHERE d.workspace_id = @WorkspaceId AND d.endpoint_id = @EndpointId AND d.id = @Id
        """);

    public sealed class DeliveryRow
    {
        public string Id { get; init; } = "";
        public string EndpointId { get; init; } = "";
        public string EventId { get; init; } = "";
        public string EventType { get; init; } = "";
        public string? ReplayOf { get; init; }
        public string Status { get; init; } = "";
        public int Attempts { get; init; }
        public DateTimeOffset? NextAttemptAt { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? LastAttemptAt { get; init; }

        public WebhookDeliveryView View() =>
            new(Id, EndpointId, EventId, EventType, ReplayOf, Status, Attempts, Status == "pending" ? NextAttemptAt : null, CreatedAt, LastAttemptAt);
    }
}

/// <summary>A webhook endpoint as the API shows it: never its signing secret.</summary>
/// <param name="Status">enabled or disabled.</param>
/// <param name="DisabledReason">Why it was disabled (by an admin, or after sustained failure).</param>
/// <param name="PreviousSecretExpiresAt">While a rotated secret still signs (the overlap), when it stops.</param>
/// <param name="ConsecutiveFailures">Failed attempts since the last success.</param>
public sealed record WebhookEndpointView(string Id, string Url, string? Description, IReadOnlyList<string> EventTypes, string Status, string? DisabledReason,
    DateTimeOffset? PreviousSecretExpiresAt, int ConsecutiveFailures, DateTimeOffset? FailingSince, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    long Version)
{
    internal static WebhookEndpointView From(WebhookStore.EndpointRow r, IReadOnlyList<string> eventTypes) =>
        new(r.Id, r.Url, r.Description, eventTypes, r.Status, r.DisabledReason, r.PreviousSecretExpiresAt, r.ConsecutiveFailures, r.FailingSince, r.CreatedAt,
            r.UpdatedAt, r.Version);
}

/// <summary>One event's delivery to one endpoint (a replay is a delivery of its own, naming the one it replays).</summary>
/// <param name="Status">pending (next attempt at nextAttemptAt), delivered, or failed (retries exhausted).</param>
public sealed record WebhookDeliveryView(string Id, string EndpointId, string EventId, string EventType, string? ReplayOf, string Status, int Attempts,
    DateTimeOffset? NextAttemptAt, DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt);

/// <summary>One HTTP attempt of a delivery: its outcome, the receiver's status code, how long it took.</summary>
/// <param name="Outcome">succeeded (a 2xx answer) or failed.</param>
/// <param name="Error">Why it failed when no status code tells (timeout, refused address, connection error).</param>
/// <param name="ResponseExcerpt">The first characters of the receiver's answer.</param>
public sealed record WebhookAttemptView(string Id, string DeliveryId, string EventId, DateTimeOffset AttemptedAt, long DurationMs, string Outcome,
    int? StatusCode,
    string? Error, string? ResponseExcerpt);
