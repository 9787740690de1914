using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace InfluenceCrm.Platform.Mail;

/// <summary>Hands one rendered message to whatever carries it; throws when it could not.</summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>SMTP through MailKit: one connection a message (mail here is a few messages an hour, not a mailing).</summary>
internal sealed class SmtpMailTransport(MailSettings settings) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        var security = settings.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(settings.SmtpHost!, settings.SmtpPort, security, ct);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
        }

        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}

/// <summary>
/// The embedded default: each message becomes an .eml file in the pickup folder, named by its id, which any mail program
/// opens. Written to a temporary name and moved, so a reader never sees half a message; a retry rewrites the same file.
/// </summary>
internal sealed class PickupDirectoryTransport(MailSettings settings) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        Directory.CreateDirectory(settings.PickupDirectory);
        var name = (message.MessageId ?? Guid.NewGuid().ToString("N")).Split('@')[0];
        var final = Path.Combine(settings.PickupDirectory, name + ".eml");
        var temporary = final + ".tmp";
        await using (var file = File.Create(temporary))
        {
            await message.WriteToAsync(file, ct);
        }

        File.Move(temporary, final, overwrite: true);
    }
}
