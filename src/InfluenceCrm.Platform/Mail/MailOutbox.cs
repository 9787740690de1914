using System.Data.Common;
using System.Net;
using System.Text;
using InfluenceCrm.Platform.Data;
using MimeKit;
using MimeKit.Utils;

namespace InfluenceCrm.Platform.Mail;

/// <summary>What a workspace shows of itself at the top of its mail: its name and, when it has one, its logo.</summary>
public sealed record MailBranding(string Name, byte[]? Logo, string? LogoType);

/// <summary>
/// A message to one person, already in their language: a plain-text body, and the same content as an HTML fragment
/// (escaped by whoever wrote it; <see cref="MailHtml"/> helps) that the outbox sets in the workspace's layout.
/// </summary>
public sealed record OutgoingMail(string? WorkspaceId, string Kind, string ToAddress, string? ToName, string Language, string Subject, string Text,
    string HtmlFragment);

/// <summary>
/// Writes a message in the transaction of the change that causes it: if the change rolls back, nothing is sent; if it
/// commits, the mail dispatcher sends it, retrying through a mail server's outage. The message is rendered here, once, with
/// its Message-ID, so every attempt sends the same bytes and a receiver can recognise a repeat.
/// </summary>
public sealed class MailOutbox(MailSettings settings, TimeProvider clock)
{
    internal static readonly Sql Insert = Sql.Both("""
        INSERT INTO platform_mail_messages (id, workspace_id, kind, to_address, status, attempts, next_attempt_at, created_at, mime)
        VALUES (@Id, @WorkspaceId, @Kind, @ToAddress, 'pending', 0, @Now, @Now, @Mime)
        """);

    public async Task<string> EnqueueAsync(DbConnection connection, DbTransaction transaction, OutgoingMail mail, MailBranding? branding,
        CancellationToken ct = default)
    {
        var id = Ids.New("mail");
        var message = Compose(id, mail, branding);
        using var buffer = new MemoryStream();
        await message.WriteToAsync(buffer, ct);
        await connection.ExecuteAsync(Insert, new
        {
            Id = id,
            mail.WorkspaceId,
            mail.Kind,
            mail.ToAddress,
            Now = clock.GetUtcNow(),
            Mime = Encoding.UTF8.GetString(buffer.ToArray()),
        }, transaction, ct);
        return id;
    }

    internal MimeMessage Compose(string id, OutgoingMail mail, MailBranding? branding)
    {
        var message = new MimeMessage { Subject = mail.Subject, MessageId = $"{id}@{settings.From.Domain}", Date = clock.GetUtcNow() };
        message.From.Add(branding is null ? settings.From : new MailboxAddress(branding.Name, settings.From.Address));
        message.To.Add(new MailboxAddress(mail.ToName ?? "", mail.ToAddress));
        message.Headers.Add("Auto-Submitted", "auto-generated"); // RFC 3834: no vacation replies to a sign-in link

        var body = new BodyBuilder { TextBody = mail.Text };
        string? logoId = null;
        if (branding is { Logo.Length: > 0, LogoType: { } logoType })
        {
            var logo = body.LinkedResources.Add("logo", branding.Logo, ContentType.Parse(logoType));
            logo.ContentId = MimeUtils.GenerateMessageId(settings.From.Domain);
            logoId = logo.ContentId;
        }

        body.HtmlBody = MailHtml.Layout(mail, branding?.Name ?? settings.From.Name ?? "", logoId);
        message.Body = body.ToMessageBody();
        message.Body.Headers.Add(HeaderId.ContentLanguage, mail.Language); // a Content-* header belongs to the body entity in MimeKit
        foreach (var part in message.BodyParts.OfType<TextPart>())
        {
            part.ContentTransferEncoding = ContentEncoding.QuotedPrintable; // 7-bit text: the stored message is plain ASCII
        }

        return message;
    }
}

/// <summary>The HTML of our mail: a plain, accessible layout (one column, real text, a link that is also written out).</summary>
public static class MailHtml
{
    public static string Paragraph(string text) => $"<p style=\"margin:0 0 16px\">{WebUtility.HtmlEncode(text)}</p>";

    public static string Button(string url, string label) =>
        $"<p style=\"margin:24px 0\"><a href=\"{WebUtility.HtmlEncode(url)}\" style=\"background:#0b5cad;color:#ffffff;padding:12px 20px;"
        + $"border-radius:6px;text-decoration:none;display:inline-block\">{WebUtility.HtmlEncode(label)}</a></p>"
        + $"<p style=\"margin:0 0 16px;font-size:13px;color:#555\">{WebUtility.HtmlEncode(url)}</p>";

    private const string BodyStyle =
        "margin:0;padding:24px 12px;background:#f4f5f7;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2328;line-height:1.5";

    internal static string Layout(OutgoingMail mail, string brand, string? logoId)
    {
        var header = logoId is null
            ? $"<strong style=\"font-size:18px\">{WebUtility.HtmlEncode(brand)}</strong>"
            : $"<img src=\"cid:{WebUtility.HtmlEncode(logoId)}\" alt=\"{WebUtility.HtmlEncode(brand)}\" style=\"max-height:48px;max-width:200px\">";
        return $"""
            <!DOCTYPE html>
            <html lang="{WebUtility.HtmlEncode(mail.Language)}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>{WebUtility.HtmlEncode(mail.Subject)}</title></head>
            <body style="{BodyStyle}">
            <table role="presentation" width="100%" style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px">
            <tr><td style="padding:24px 24px 8px">{header}</td></tr>
            <tr><td style="padding:8px 24px 24px">{mail.HtmlFragment}</td></tr>
            </table>
            </body>
            </html>
            """;
    }
}
