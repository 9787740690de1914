using Dapper;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Mail;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace InfluenceCrm.Tests.Platform.Mail;

public sealed class MailApiFixture : SqliteApiFixture
{
    public SmtpTestServer Smtp { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["PublicBaseUrl"] = "https://crm.acme.example",
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "None",
        ["Email:From"] = "Acme CRM <crm@acme.example>",
        ["Email:RetryScheduleSeconds"] = "0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5," +
            "0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5",
        ["Email:PollIntervalMs"] = "100",
        ["Email:TimeoutSeconds"] = "5",
    };
}

/// <summary>Mail leaves through the outbox to a real SMTP server the test starts, and survives that server's outage.</summary>
public sealed class MailDeliveryTests(MailApiFixture api) : IClassFixture<MailApiFixture>
{
    private async Task<string> EnqueueAsync(string subject, string to = "lea@example.com")
    {
        var outbox = api.Services.GetRequiredService<MailOutbox>();
        var mail = new OutgoingMail(api.MainWorkspaceId, "test", to, "Léa Martin", "fr", subject, "Bonjour Léa,\nVotre lien : https://crm.acme.example/x",
            MailHtml.Paragraph("Bonjour Léa,") + MailHtml.Button("https://crm.acme.example/x?a=1&b=2", "Ouvrir"));
        return await api.Db.InTransactionAsync((c, tx) => outbox.EnqueueAsync(c, tx, mail, new MailBranding("Acme Beauté", null, null)));
    }

    [Fact]
    public async Task A_message_arrives_as_text_and_html_under_the_workspace_name_and_its_body_is_dropped_once_sent()
    {
        await api.Smtp.StartAsync();
        var id = await EnqueueAsync("Invitation à rejoindre Acme Beauté");

        var arrived = Assert.Single(await api.Smtp.WaitForAsync(m => m.MessageId == $"{id}@acme.example"));
        Assert.Equal("Invitation à rejoindre Acme Beauté", arrived.Subject);
        Assert.Equal("Acme Beauté", arrived.From.Mailboxes.Single().Name);
        Assert.Equal("crm@acme.example", arrived.From.Mailboxes.Single().Address);
        Assert.Equal("lea@example.com", arrived.To.Mailboxes.Single().Address);
        Assert.Equal("fr", arrived.Body!.Headers[HeaderId.ContentLanguage]);
        Assert.Contains("Votre lien : https://crm.acme.example/x", arrived.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://crm.acme.example/x?a=1&amp;b=2\"", arrived.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"fr\">", arrived.HtmlBody, StringComparison.Ordinal);

        await using var c = await api.Db.OpenAsync();
        var row = await WaitForStatusAsync(c, id, "sent");
        Assert.Null(row.mime);
        Assert.Equal(1L, (long)row.attempts);
    }

    [Fact]
    public async Task An_smtp_outage_loses_no_message_and_none_arrives_twice_once_the_server_is_back()
    {
        await api.Smtp.StopAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await EnqueueAsync($"Pendant la panne {i}", $"person{i}@example.com"));
        }

        await using var c = await api.Db.OpenAsync();
        var until = DateTime.UtcNow.AddSeconds(20);
        while (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM platform_mail_attempts WHERE outcome = 'failed' AND message_id IN @ids", new { ids }) < 6
               && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
        }

        Assert.All(ids, id => Assert.Equal("pending", c.ExecuteScalar<string>("SELECT status FROM platform_mail_messages WHERE id = @id", new { id })));

        await api.Smtp.StartAsync();
        foreach (var id in ids)
        {
            await WaitForStatusAsync(c, id, "sent");
        }

        await Task.Delay(1500); // any second sending would have happened by now
        foreach (var id in ids)
        {
            Assert.Single(api.Smtp.Received, m => m.MessageId == $"{id}@acme.example");
            Assert.True(await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM platform_mail_attempts WHERE message_id = @id AND outcome = 'failed'",
                new { id }) >= 2);
        }
    }

    private static async Task<dynamic> WaitForStatusAsync(System.Data.Common.DbConnection c, string id, string status)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var row = await c.QuerySingleAsync("SELECT status, attempts, mime FROM platform_mail_messages WHERE id = @id", new { id });
            if ((string)row.status == status || DateTime.UtcNow > until)
            {
                Assert.Equal(status, (string)row.status);
                return row;
            }

            await Task.Delay(50);
        }
    }
}
