namespace Hub.Workflows.Notifications;

/// <summary>Section Notifications: the SMTP relay (password a Key Vault reference in Azure), the webhook signing secret
/// (Key Vault), where the links in a message point, and how long a claimed delivery is held before another attempt
/// may take it over.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>HMAC-SHA256 key of the x-hub-signature header a webhook receiver checks; empty: unsigned.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>The hub's public address (links to the reports and the console in messages).</summary>
    public string? PublicBaseUrl { get; set; }

    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class SmtpSettings
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    /// <summary>StartTls (default, port 587), Tls (465) or None (a local test server only).</summary>
    public string Security { get; set; } = "StartTls";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "Chỉ số phục vụ 766 <no-reply@mof.gov.vn>";
}
