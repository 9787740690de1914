using System.Globalization;
using Microsoft.Extensions.Configuration;
using MimeKit;

namespace InfluenceCrm.Platform.Mail;

/// <summary>How the SMTP connection is secured (Email:Smtp:Security).</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text: only for a relay on the same host or network.</summary>
    None,

    /// <summary>Connect in plain text, then upgrade with STARTTLS; refused by a server that does not offer it (the default).</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,
}

/// <summary>
/// The operator's e-mail settings (section Email; see README, E-mail). Without Email:Smtp:Host, messages are written as .eml
/// files to the pickup folder instead of being sent: the embedded default, so `dotnet run` needs no mail server.
/// </summary>
public sealed class MailSettings
{
    public string? SmtpHost { get; init; }

    public int SmtpPort { get; init; }

    public SmtpSecurity Security { get; init; } = SmtpSecurity.StartTls;

    public string? UserName { get; init; }

    public string? Password { get; init; }

    public MailboxAddress From { get; init; } = new("InfluenceCrm", "no-reply@influencecrm.invalid");

    public string PickupDirectory { get; init; } = Path.Combine("data", "outbox");

    /// <summary>The waits before each retry: 10 s, 30 s, 1, 2, 5, 10 and 30 min, then 1, 2, 4, 8 and 12 h (13 attempts over a day and a half).</summary>
    public IReadOnlyList<TimeSpan> RetrySchedule { get; init; } = [];

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long sent and failed messages keep their row (recipient, kind, times, attempts; never the body).</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(30);

    public bool Sends => !string.IsNullOrWhiteSpace(SmtpHost);

    public static MailSettings Read(IConfiguration configuration)
    {
        var section = configuration.GetSection("Email");
        var host = section["Smtp:Host"];
        var securityName = section["Smtp:Security"] ?? nameof(SmtpSecurity.StartTls);
        if (!Enum.TryParse<SmtpSecurity>(securityName, ignoreCase: true, out var security) || !Enum.IsDefined(security))
        {
            throw new InvalidOperationException($"Email:Smtp:Security must be None, StartTls or SslOnConnect, not '{securityName}'.");
        }

        if (!string.IsNullOrWhiteSpace(host) && string.IsNullOrWhiteSpace(configuration["PublicBaseUrl"]))
        {
            throw new InvalidOperationException(
                "Email:Smtp:Host is set but PublicBaseUrl is not: the links in mail (invitations, password resets) must be absolute. Set PublicBaseUrl.");
        }

        var from = section["From"];
        MailboxAddress? fromAddress = null;
        if (!string.IsNullOrWhiteSpace(from) && !MailboxAddress.TryParse(from, out fromAddress))
        {
            throw new InvalidOperationException($"Email:From must be an address, optionally with a display name (\"Acme <crm@acme.example>\"), not '{from}'.");
        }

        var schedule = section["RetryScheduleSeconds"] ?? "10,30,60,120,300,600,1800,3600,7200,14400,28800,43200";
        return new MailSettings
        {
            SmtpHost = string.IsNullOrWhiteSpace(host) ? null : host,
            SmtpPort = section.GetValue<int?>("Smtp:Port") ?? security switch { SmtpSecurity.SslOnConnect => 465, SmtpSecurity.None => 25, _ => 587 },
            Security = security,
            UserName = section["Smtp:UserName"],
            Password = section["Smtp:Password"],
            From = fromAddress ?? new MailboxAddress("InfluenceCrm", "no-reply@influencecrm.invalid"),
            PickupDirectory = section["PickupDirectory"] is { Length: > 0 } folder ? folder : Path.Combine("data", "outbox"),
            RetrySchedule = schedule.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => TimeSpan.FromSeconds(double.Parse(s, CultureInfo.InvariantCulture))).ToList(),
            Timeout = TimeSpan.FromSeconds(section.GetValue("TimeoutSeconds", 30.0)),
            PollInterval = TimeSpan.FromMilliseconds(section.GetValue("PollIntervalMs", 1000.0)),
            Retention = TimeSpan.FromDays(section.GetValue("RetentionDays", 30.0)),
        };
    }
}
