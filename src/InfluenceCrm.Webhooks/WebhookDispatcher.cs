using System.Diagnostics.Metrics;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Outbox;
using InfluenceCrm.Platform.Webhooks;

namespace InfluenceCrm.Webhooks;

/// <summary>
/// Delivers the outbox: claims due deliveries (several replicas never claim the same row: UPDLOCK, READPAST on SQL
/// Server; SQLite has one writer), sends each with its own timeout, keeps every attempt, schedules retries with
/// exponential backoff (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h), and disables an endpoint whose attempts have all
/// failed for a day (telling the workspace's other endpoints, the audit log and the operator's log). A claim lasts longer
/// than a request may, so a replica that dies mid-send leaves its rows to be claimed again: at least once, never lost.
/// </summary>
internal sealed partial class WebhookDispatcher(Db db, WebhookSender sender, WebhookSettings settings, TimeProvider clock, IServiceScopeFactory scopes,
    WebhookMetrics metrics, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private const int ClaimSize = 20;

    internal static readonly Sql Claim = Sql.Per(
        sqlite: """
            UPDATE platform_webhook_deliveries SET claim = @Claim, claimed_until = @Until
            WHERE id IN (
                SELECT d.id FROM platform_webhook_deliveries d JOIN platform_webhook_endpoints e ON e.id = d.endpoint_id
                WHERE d.status = 'pending' AND d.next_attempt_at <= @Now AND (d.claimed_until IS NULL OR d.claimed_until < @Now) AND e.status = 'enabled'
                ORDER BY d.next_attempt_at LIMIT @Limit)
            """,
        sqlServer: """
            UPDATE platform_webhook_deliveries SET claim = @Claim, claimed_until = @Until
            WHERE id IN (
                SELECT TOP (@Limit) d.id FROM platform_webhook_deliveries d WITH (UPDLOCK, READPAST, ROWLOCK)
                JOIN platform_webhook_endpoints e ON e.id = d.endpoint_id
                WHERE d.status = 'pending' AND d.next_attempt_at <= @Now AND (d.claimed_until IS NULL OR d.claimed_until < @Now) AND e.status = 'enabled'
                ORDER BY d.next_attempt_at)
            """);

    internal static readonly Sql Claimed = Sql.Both("""
        SELECT d.id AS Id, d.workspace_id AS WorkspaceId, d.endpoint_id AS EndpointId, d.event_id AS EventId, d.attempts AS Attempts,
            e.url AS Url, e.secret AS Secret, e.previous_secret AS PreviousSecret, e.previous_secret_expires_at AS PreviousSecretExpiresAt,
            ev.payload AS Payload
        FROM platform_webhook_deliveries d
        JOIN platform_webhook_endpoints e ON e.id = d.endpoint_id
        JOIN platform_webhook_events ev ON ev.id = d.event_id
        WHERE d.claim = @Claim
        """);

    internal static readonly Sql InsertAttempt = Sql.Both("""
        INSERT INTO platform_webhook_attempts
            (id, workspace_id, endpoint_id, delivery_id, event_id, attempted_at, duration_ms, outcome, status_code, error, response_excerpt)
        VALUES (@Id, @WorkspaceId, @EndpointId, @DeliveryId, @EventId, @AttemptedAt, @DurationMs, @Outcome, @StatusCode, @Error, @ResponseExcerpt)
        """);

    /// <summary>Only while the claim is ours: a replica whose claim ran out does not record over the one that took it.</summary>
    internal static readonly Sql Settle = Sql.Both("""
        UPDATE platform_webhook_deliveries SET status = @Status, attempts = attempts + 1, next_attempt_at = @NextAttemptAt, last_attempt_at = @Now,
            claim = NULL, claimed_until = NULL
        WHERE id = @Id AND claim = @Claim
        """);

    internal static readonly Sql EndpointSucceeded = Sql.Both("""
        UPDATE platform_webhook_endpoints SET consecutive_failures = 0, failing_since = NULL WHERE id = @Id
        """);

    internal static readonly Sql EndpointFailed = Sql.Both("""
        UPDATE platform_webhook_endpoints SET consecutive_failures = consecutive_failures + 1,
            failing_since = CASE WHEN failing_since IS NULL THEN @Now ELSE failing_since END
        WHERE id = @Id
        """);

    /// <summary>Disables the endpoint if its failure is sustained; one row changed means this call disabled it.</summary>
    internal static readonly Sql DisableIfFailing = Sql.Both("""
        UPDATE platform_webhook_endpoints SET status = 'disabled', disabled_reason = @Reason, updated_at = @Now, version = version + 1
        WHERE id = @Id AND status = 'enabled' AND consecutive_failures >= @Failures AND failing_since <= @FailingSince
        """);

    internal static readonly Sql PurgeAttempts = Sql.Per(
        sqlite: """
            DELETE FROM platform_webhook_attempts WHERE id IN (
                SELECT a.id FROM platform_webhook_attempts a JOIN platform_webhook_deliveries d ON d.id = a.delivery_id
                WHERE d.status <> 'pending' AND d.created_at < @Before LIMIT @Batch)
            """,
        sqlServer: """
            DELETE TOP (@Batch) FROM platform_webhook_attempts WHERE delivery_id IN (
                SELECT id FROM platform_webhook_deliveries WHERE status <> 'pending' AND created_at < @Before)
            """);

    /// <summary>Only deliveries left without attempts: one that finished between the two purges waits for the next.</summary>
    internal static readonly Sql PurgeDeliveries = Sql.Per(
        sqlite: """
            DELETE FROM platform_webhook_deliveries WHERE id IN (
                SELECT d.id FROM platform_webhook_deliveries d WHERE d.status <> 'pending' AND d.created_at < @Before
                  AND NOT EXISTS (SELECT 1 FROM platform_webhook_attempts a WHERE a.delivery_id = d.id) LIMIT @Batch)
            """,
        sqlServer: """
            DELETE TOP (@Batch) FROM platform_webhook_deliveries WHERE status <> 'pending' AND created_at < @Before
              AND NOT EXISTS (SELECT 1 FROM platform_webhook_attempts a WHERE a.delivery_id = platform_webhook_deliveries.id)
            """);

    internal static readonly Sql PurgeEvents = Sql.Per(
        sqlite: """
            DELETE FROM platform_webhook_events WHERE id IN (
                SELECT e.id FROM platform_webhook_events e WHERE e.occurred_at < @Before
                  AND NOT EXISTS (SELECT 1 FROM platform_webhook_deliveries d WHERE d.event_id = e.id) LIMIT @Batch)
            """,
        sqlServer: """
            DELETE TOP (@Batch) FROM platform_webhook_events WHERE occurred_at < @Before
              AND NOT EXISTS (SELECT 1 FROM platform_webhook_deliveries d WHERE d.event_id = platform_webhook_events.id)
            """);

    private sealed class Due
    {
        public string Id { get; init; } = "";
        public string WorkspaceId { get; init; } = "";
        public string EndpointId { get; init; } = "";
        public string EventId { get; init; } = "";
        public int Attempts { get; init; }
        public string Url { get; init; } = "";
        public string Secret { get; init; } = "";
        public string? PreviousSecret { get; init; }
        public DateTimeOffset? PreviousSecretExpiresAt { get; init; }
        public string Payload { get; init; } = "";
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        OutboxLoop.RunAsync(DeliverDueAsync, async ct => await PurgeAsync(ct), ClaimSize, settings.PollInterval, clock,
            e => LogFailed(logger, e.Message), stoppingToken);

    /// <summary>One round: claims what is due, sends it all at once, records each outcome. Returns how many were sent.</summary>
    internal async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        var claim = Ids.New("whc");
        var now = clock.GetUtcNow();
        var due = await db.InTransactionAsync(async (c, tx) =>
        {
            var until = now + settings.Timeout * 2 + TimeSpan.FromSeconds(30);
            await c.ExecuteAsync(Claim, new { Claim = claim, Until = until, Now = now, Limit = ClaimSize }, tx, ct);
            return (await c.QueryAsync<Due>(Claimed, new { Claim = claim }, tx, ct)).ToList();
        }, ct);
        await Task.WhenAll(due.Select(d => DeliverAsync(d, claim, ct)));
        return due.Count;
    }

    private async Task DeliverAsync(Due d, string claim, CancellationToken ct)
    {
        var attemptedAt = clock.GetUtcNow();
        List<string> secrets = [d.Secret];
        if (d.PreviousSecret is not null && d.PreviousSecretExpiresAt > attemptedAt)
        {
            secrets.Add(d.PreviousSecret);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(settings.Timeout);
        var outcome = await sender.SendAsync(d.Url, d.EventId, d.Payload, secrets, attemptedAt, timeout.Token, ct);
        metrics.Attempted(outcome.Succeeded, outcome.DurationMs);
        var now = clock.GetUtcNow();
        var retryIn = outcome.Succeeded || d.Attempts >= settings.RetrySchedule.Count ? (TimeSpan?)null : settings.RetrySchedule[d.Attempts];
        var status = outcome.Succeeded ? "delivered" : retryIn is null ? "failed" : "pending";
        await db.InTransactionAsync(async (c, tx) =>
        {
            if (await c.ExecuteAsync(Settle, new { d.Id, Claim = claim, Status = status, NextAttemptAt = now + retryIn, Now = now }, tx, ct) == 0)
            {
                return; // the claim ran out and another round took the row: that round records its own attempt
            }

            await c.ExecuteAsync(InsertAttempt, new
            {
                Id = Ids.New("wha"),
                d.WorkspaceId,
                d.EndpointId,
                DeliveryId = d.Id,
                d.EventId,
                AttemptedAt = attemptedAt,
                outcome.DurationMs,
                Outcome = outcome.Succeeded ? "succeeded" : "failed",
                outcome.StatusCode,
                outcome.Error,
                outcome.ResponseExcerpt,
            }, tx, ct);
            if (outcome.Succeeded)
            {
                await c.ExecuteAsync(EndpointSucceeded, new { Id = d.EndpointId }, tx, ct);
                return;
            }

            await c.ExecuteAsync(EndpointFailed, new { Id = d.EndpointId, Now = now }, tx, ct);
            var reason = $"Every attempt failed for {settings.DisableAfterFailingFor.TotalHours:0.##} hours "
                + $"(at least {settings.DisableAfterConsecutiveFailures} in a row); "
                + $"the last: {(outcome.StatusCode is { } code ? $"HTTP {code}" : outcome.Error)}.";
            reason = reason.Length > 500 ? reason[..499] + "…" : reason; // the column's size on SQL Server
            if (await c.ExecuteAsync(DisableIfFailing, new
            {
                Id = d.EndpointId,
                Reason = reason,
                Now = now,
                Failures = settings.DisableAfterConsecutiveFailures,
                FailingSince = now - settings.DisableAfterFailingFor,
            }, tx, ct) == 1)
            {
                await AnnounceDisabledAsync(c, tx, d, reason, ct);
            }
        }, ct);
    }

    private async Task AnnounceDisabledAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, Due d, string reason, CancellationToken ct)
    {
        LogDisabled(logger, d.EndpointId, d.WorkspaceId, reason);
        await using var scope = scopes.CreateAsyncScope();
        var endpoint = await WebhookStore.FindEndpointAsync(c, tx, d.WorkspaceId, d.EndpointId, ct);
        var outbox = scope.ServiceProvider.GetRequiredService<WebhookOutbox>();
        await outbox.PublishAsAsync(c, tx, d.WorkspaceId, WebhookEndpointEvents.EndpointDisabled, endpoint!, ct);
        var audit = scope.ServiceProvider.GetRequiredService<Platform.Audit.AuditLog>();
        await audit.RecordAsAsync(c, tx, d.WorkspaceId, "webhook_dispatcher", "webhook_endpoint.disabled",
            "webhook_endpoint", d.EndpointId, new { consecutiveFailures = endpoint!.ConsecutiveFailures }, ct);
    }

    /// <summary>
    /// Finished deliveries, their attempts and events older than the retention (30 days by default) are deleted, a batch
    /// per transaction: a month of attempts in one transaction would lock the tables the dispatcher and the API write.
    /// </summary>
    /// <returns>The rows deleted.</returns>
    internal async Task<int> PurgeAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow() - settings.Retention;
        var purged = 0;
        foreach (var purge in new[] { PurgeAttempts, PurgeDeliveries, PurgeEvents })
        {
            purged += await HourlyPurge.UntilDoneAsync(() =>
                db.InTransactionAsync((c, tx) => c.ExecuteAsync(purge, new { Before = before, Batch = HourlyPurge.BatchSize }, tx, ct), ct));
        }

        return purged;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook deliveries paused: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook endpoint {EndpointId} of workspace {WorkspaceId} disabled: {Reason}")]
    private static partial void LogDisabled(ILogger logger, string endpointId, string workspaceId, string reason);
}

/// <summary>influencecrm.webhooks.*: attempts by outcome and their duration.</summary>
internal sealed class WebhookMetrics
{
    public const string MeterName = "InfluenceCrm.Webhooks";
    private readonly Counter<long> attempts;
    private readonly Histogram<double> duration;

    public WebhookMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        attempts = meter.CreateCounter<long>("influencecrm.webhooks.attempts", description: "Webhook delivery attempts, by outcome");
        duration = meter.CreateHistogram<double>("influencecrm.webhooks.attempt.duration", unit: "ms", description: "Duration of webhook delivery attempts");
    }

    public void Attempted(bool succeeded, long durationMs)
    {
        var outcome = new KeyValuePair<string, object?>("outcome", succeeded ? "succeeded" : "failed");
        attempts.Add(1, outcome);
        duration.Record(durationMs, outcome);
    }
}
