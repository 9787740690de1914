using System.Diagnostics;
using System.Text;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Outbox;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace InfluenceCrm.Platform.Mail;

/// <summary>
/// Sends the mail outbox: claims due messages (several replicas never claim the same row: UPDLOCK, READPAST on SQL Server;
/// SQLite has one writer), sends each, keeps every attempt, retries with backoff through a mail server's outage (about a
/// day and a half) and then marks the message failed. A message is marked sent, and its body dropped, in the transaction
/// that records the successful attempt. The one window where a message may go twice is a crash between the server's
/// acceptance and that commit (milliseconds): the repeat carries the same Message-ID, which mail programs recognise.
/// </summary>
internal sealed partial class MailDispatcher(Db db, IMailTransport transport, MailSettings settings, TimeProvider clock, ILogger<MailDispatcher> logger)
    : BackgroundService
{
    private const int ClaimSize = 10;
    private const int PurgeBatch = 500;

    internal static readonly Sql Claim = Sql.Per(
        sqlite: """
            UPDATE platform_mail_messages SET claim = @Claim, claimed_until = @Until
            WHERE id IN (
                SELECT id FROM platform_mail_messages
                WHERE status = 'pending' AND next_attempt_at <= @Now AND (claimed_until IS NULL OR claimed_until < @Now)
                ORDER BY next_attempt_at LIMIT @Limit)
            """,
        sqlServer: """
            UPDATE platform_mail_messages SET claim = @Claim, claimed_until = @Until
            WHERE id IN (
                SELECT TOP (@Limit) id FROM platform_mail_messages WITH (UPDLOCK, READPAST, ROWLOCK)
                WHERE status = 'pending' AND next_attempt_at <= @Now AND (claimed_until IS NULL OR claimed_until < @Now)
                ORDER BY next_attempt_at)
            """);

    internal static readonly Sql Claimed = Sql.Both("""
        SELECT id AS Id, attempts AS Attempts, mime AS Mime FROM platform_mail_messages WHERE claim = @Claim
        """);

    /// <summary>Only while the claim is ours: a dispatcher whose claim ran out does not record over the one that took the row.</summary>
    internal static readonly Sql Settle = Sql.Both("""
        UPDATE platform_mail_messages SET status = @Status, attempts = attempts + 1, next_attempt_at = @NextAttemptAt, sent_at = @SentAt,
            mime = CASE WHEN @Status = 'sent' THEN NULL ELSE mime END, claim = NULL, claimed_until = NULL
        WHERE id = @Id AND claim = @Claim
        """);

    internal static readonly Sql InsertAttempt = Sql.Both("""
        INSERT INTO platform_mail_attempts (id, message_id, attempted_at, duration_ms, outcome, error)
        VALUES (@Id, @MessageId, @AttemptedAt, @DurationMs, @Outcome, @Error)
        """);

    /// <summary>A batch at a time: one large delete would hold its locks (and escalate to the table's) while mail is being written.</summary>
    internal static readonly Sql PurgeAttempts = Sql.Per(
        sqlite: """
            DELETE FROM platform_mail_attempts WHERE message_id IN (
                SELECT id FROM platform_mail_messages WHERE status <> 'pending' AND created_at < @Before LIMIT @Limit)
            """,
        sqlServer: """
            DELETE TOP (@Limit) FROM platform_mail_attempts WHERE message_id IN (
                SELECT id FROM platform_mail_messages WHERE status <> 'pending' AND created_at < @Before)
            """);

    internal static readonly Sql PurgeMessages = Sql.Per(
        sqlite: """
            DELETE FROM platform_mail_messages WHERE id IN (
                SELECT m.id FROM platform_mail_messages m WHERE m.status <> 'pending' AND m.created_at < @Before
                  AND NOT EXISTS (SELECT 1 FROM platform_mail_attempts a WHERE a.message_id = m.id) LIMIT @Limit)
            """,
        sqlServer: """
            DELETE TOP (@Limit) m FROM platform_mail_messages m WHERE m.status <> 'pending' AND m.created_at < @Before
              AND NOT EXISTS (SELECT 1 FROM platform_mail_attempts a WHERE a.message_id = m.id)
            """);

    private sealed class Due
    {
        public string Id { get; init; } = "";
        public int Attempts { get; init; }
        public string Mime { get; init; } = "";
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        OutboxLoop.RunAsync(SendDueAsync, async ct => await PurgeAsync(ct), ClaimSize, settings.PollInterval, clock,
            e => LogRoundFailed(logger, e.Message), stoppingToken);

    internal async Task<int> SendDueAsync(CancellationToken ct)
    {
        var claim = Ids.New("mlc");
        var now = clock.GetUtcNow();
        var due = await db.InTransactionAsync(async (c, tx) =>
        {
            await c.ExecuteAsync(Claim, new { Claim = claim, Until = now + settings.Timeout * 3 + TimeSpan.FromSeconds(30), Now = now, Limit = ClaimSize }, tx, ct);
            return (await c.QueryAsync<Due>(Claimed, new { Claim = claim }, tx, ct)).ToList();
        }, ct);
        foreach (var message in due)
        {
            await SendAsync(message, claim, ct);
        }

        return due.Count;
    }

    private async Task SendAsync(Due due, string claim, CancellationToken ct)
    {
        var attemptedAt = clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        string? error = null;
        try
        {
            using var source = new MemoryStream(Encoding.UTF8.GetBytes(due.Mime));
            var message = await MimeMessage.LoadAsync(source, ct);
            await transport.SendAsync(message, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            error = $"{e.GetType().Name}: {e.Message}";
            error = error.Length > 500 ? error[..499] + "…" : error; // the column's size on SQL Server
            LogAttemptFailed(logger, due.Id, error);
        }

        var now = clock.GetUtcNow();
        var retryIn = error is null || due.Attempts >= settings.RetrySchedule.Count ? (TimeSpan?)null : settings.RetrySchedule[due.Attempts];
        var status = error is null ? "sent" : retryIn is null ? "failed" : "pending";
        await db.InTransactionAsync(async (c, tx) =>
        {
            if (await c.ExecuteAsync(Settle, new { due.Id, Claim = claim, Status = status, NextAttemptAt = now + retryIn, SentAt = error is null ? now : (DateTimeOffset?)null },
                    tx, ct) == 1)
            {
                await c.ExecuteAsync(InsertAttempt, new
                {
                    Id = Ids.New("mla"),
                    MessageId = due.Id,
                    AttemptedAt = attemptedAt,
                    DurationMs = (int)watch.ElapsedMilliseconds,
                    Outcome = error is null ? "sent" : "failed",
                    Error = error,
                }, tx, ct);
            }
        }, ct);
    }

    internal async Task PurgeAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow() - settings.Retention;
        while (await db.InTransactionAsync((c, tx) => c.ExecuteAsync(PurgeAttempts, new { Before = before, Limit = PurgeBatch }, tx, ct), ct) > 0)
        {
        }

        while (await db.InTransactionAsync((c, tx) => c.ExecuteAsync(PurgeMessages, new { Before = before, Limit = PurgeBatch }, tx, ct), ct) > 0)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail round failed, retrying: {Error}")]
    private static partial void LogRoundFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {MessageId} not sent this time: {Error}")]
    private static partial void LogAttemptFailed(ILogger logger, string messageId, string error);
}
