using System.Security.Claims;
using InfluenceCrm.Contracts.PublicQueries;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Platform.Webhooks;
using InfluenceCrm.UgcRights.PublicQueries;
using MediatR;

namespace InfluenceCrm.Webhooks;

/// <summary>
/// The events no request causes, found by a check every hour (Webhooks:ScheduleMinutes): payments that fell due, grants
/// ending or revoked within 30 days, usages that must be taken down (now, or before their cover ends within 30 days).
/// It asks the modules' public queries (ListDuePayments, ListEndingGrants, ListDueTakedowns) as the workspace's scheduler,
/// so the rules stay in their module, and only for workspaces with an endpoint that wants the event. Each subject is
/// announced once per event type (platform_webhook_announcements), in the transaction that writes the event.
/// </summary>
internal sealed partial class WebhookSchedule(Db db, IServiceScopeFactory scopes, IHttpContextAccessor accessor, IConfiguration configuration,
    TimeProvider clock, ILogger<WebhookSchedule> logger) : BackgroundService
{
    public const string Actor = "webhook_schedule";
    private const int WithinDays = 30;

    internal static readonly Sql Listening = Sql.Both("""
        SELECT DISTINCT e.workspace_id FROM platform_webhook_endpoints e
        JOIN platform_webhook_endpoint_events t ON t.endpoint_id = e.id
        WHERE e.status = 'enabled' AND t.event_type = @Type
        """);

    internal static readonly Sql Announce = Sql.Per(
        sqlite: """
            INSERT INTO platform_webhook_announcements (workspace_id, event_type, subject, announced_at) VALUES (@WorkspaceId, @Type, @Subject, @Now)
            ON CONFLICT (workspace_id, event_type, subject) DO NOTHING
            """,
        sqlServer: """
            INSERT INTO platform_webhook_announcements (workspace_id, event_type, subject, announced_at)
            SELECT @WorkspaceId, @Type, @Subject, @Now
            WHERE NOT EXISTS (SELECT 1 FROM platform_webhook_announcements a WITH (UPDLOCK, HOLDLOCK)
                WHERE a.workspace_id = @WorkspaceId AND a.event_type = @Type AND a.subject = @Subject)
            """);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromMinutes(configuration.GetValue("Webhooks:ScheduleMinutes", 60.0));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e.Message);
            }

            await Task.Delay(every, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>One pass over every workspace that listens. Returns how many events it wrote.</summary>
    internal async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var written = 0;
        written += await ForEachListeningAsync(ContractEvents.PaymentDue, mediator => mediator.Send(new ListDuePayments.Request(), ct), ct);
        written += await ForEachListeningAsync(UgcRightsEvents.GrantExpiring, mediator => mediator.Send(new ListEndingGrants.Request(WithinDays), ct), ct);
        written += await ForEachListeningAsync(UgcRightsEvents.TakedownRequired, mediator => mediator.Send(new ListDueTakedowns.Request(WithinDays), ct), ct);
        return written;
    }

    private async Task<int> ForEachListeningAsync(string type, Func<IMediator, Task<IReadOnlyList<ScheduledEvent>>> find, CancellationToken ct)
    {
        List<string> workspaces;
        await using (var c = await db.OpenAsync(ct))
        {
            workspaces = (await c.QueryAsync<string>(Listening, new { Type = type }, ct: ct)).ToList();
        }

        var written = 0;
        foreach (var workspaceId in workspaces)
        {
            await using var scope = scopes.CreateAsyncScope();
            // The modules' queries read the caller's workspace: the scheduler acts as that workspace's own reader.
            accessor.HttpContext = new DefaultHttpContext
            {
                RequestServices = scope.ServiceProvider,
                User = new ClaimsPrincipal(new ClaimsIdentity(
                    [
                        new Claim(ApiKeyAuthentication.WorkspaceClaim, workspaceId), new Claim(ApiKeyAuthentication.KeyClaim, Actor),
                        new Claim(ClaimTypes.Role, Roles.Viewer),
                    ],
                    Actor)),
            };
            try
            {
                var found = await find(scope.ServiceProvider.GetRequiredService<IMediator>());
                var outbox = scope.ServiceProvider.GetRequiredService<WebhookOutbox>();
                foreach (var (subject, data) in found)
                {
                    written += await db.InTransactionAsync(async (c, tx) =>
                    {
                        var announcement = new { WorkspaceId = workspaceId, Type = type, Subject = subject, Now = clock.GetUtcNow() };
                        if (await c.ExecuteAsync(Announce, announcement, tx, ct) == 0)
                        {
                            return 0; // told before
                        }

                        await outbox.PublishAsAsync(c, tx, workspaceId, type, data, ct);
                        return 1;
                    }, ct);
                }
            }
            finally
            {
                accessor.HttpContext = null;
            }
        }

        return written;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled webhook checks paused: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
