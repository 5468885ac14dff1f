using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Hub.Workflows.Notifications;

public interface IEmailTransport
{
    Task SendAsync(Notification notification, CancellationToken ct);
}

/// <summary>Email through the ministry's SMTP relay (MailKit): plain UTF-8 text, one recipient per message, a
/// Message-Id derived from the notification's key (a relay or mailbox that dedupes on it sees the same id twice).</summary>
public sealed class SmtpEmailTransport(IOptions<NotificationOptions> options) : IEmailTransport
{
    public async Task SendAsync(Notification notification, CancellationToken ct)
    {
        var smtp = options.Value.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host)) throw new InvalidOperationException("Notifications:Smtp:Host is not set: email notifications cannot be sent.");
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(MailboxAddress.Parse(notification.Address));
        message.Subject = notification.Subject;
        message.MessageId = $"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(notification.Key)))[..32]}@hub-766";
        message.Body = new TextPart("plain") { Text = notification.Text };
        using var client = new SmtpClient();
        var security = smtp.Security switch
        {
            "None" => SecureSocketOptions.None,
            "Tls" => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(smtp.Host, smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            if (smtp.Password is { } p && p.TrimStart().StartsWith(ConfigurationGuard.KeyVaultReferencePrefix, StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException("Notifications__Smtp__Password is an unresolved Key Vault reference: set the secret smtp-password.");
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        }
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}
