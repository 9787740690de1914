namespace InfluenceCrm.Platform.Outbox;

/// <summary>
/// The loop both outboxes' dispatchers run (MailDispatcher, WebhookDispatcher): a round sends what is due and, once an hour,
/// purges what is old; a failed round (the database away, or anything else) is logged and the next one retries — the rows
/// wait, claims run out, nothing is lost, and the host keeps serving; it sleeps a poll interval unless the round filled a claim.
/// </summary>
public static class OutboxLoop
{
    public static async Task RunAsync(Func<CancellationToken, Task<int>> sendDue, Func<CancellationToken, Task> purge, int claimSize,
        TimeSpan pollInterval, TimeProvider clock, Action<Exception> roundFailed, CancellationToken stoppingToken)
    {
        var nextPurge = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                sent = await sendDue(stoppingToken);
                if (clock.GetUtcNow() >= nextPurge)
                {
                    await purge(stoppingToken);
                    nextPurge = clock.GetUtcNow().AddHours(1);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                roundFailed(e);
            }

            if (sent < claimSize)
            {
                await Task.Delay(pollInterval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
