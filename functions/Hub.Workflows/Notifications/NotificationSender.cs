using System.Text.Json;
using Hub.Storage.Notifications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Workflows.Notifications;

/// <summary>Sends one queued notification, at most once: the delivery is claimed in the log before it is sent and
/// marked sent after; a re-delivered message finds it sent and sends nothing. A failed send releases the claim and
/// throws, so the queue retries it (host.json maxDequeueCount, then notifications-poison). The one window left is a
/// crash after the relay accepted the mail and before "sent" was written: that mail may go twice, after the lease.</summary>
public sealed class NotificationSender(DeliveryLog log, IEmailTransport email, WebhookTransport webhook, IOptions<NotificationOptions> options, TimeProvider clock,
    ILogger<NotificationSender> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Notification Parse(string message)
    {
        Notification? n;
        try { n = JsonSerializer.Deserialize<Notification>(message, Json); }
        catch (JsonException e) { throw new FormatException($"Notification is not valid JSON: {e.Message}", e); }
        if (n is null || string.IsNullOrWhiteSpace(n.Key) || string.IsNullOrWhiteSpace(n.Address) || n.Channel is not (Subscription.Email or Subscription.Webhook))
            throw new FormatException("A notification needs 'key', 'address' and a channel (email or webhook).");
        return n;
    }

    /// <returns>Whether it was sent by this call (false: it had been sent before).</returns>
    public async Task<bool> HandleAsync(string message, CancellationToken ct)
    {
        var n = Parse(message);
        using var _ = logger.BeginScope(new Dictionary<string, object> { ["NotificationKey"] = n.Key, ["SubscriptionId"] = n.SubscriptionId });
        var now = clock.GetUtcNow();
        var (claim, delivery) = await log.ClaimAsync(new Delivery(n.Key, n.Kind, n.SubscriptionId, n.Channel, Delivery.Pending, 1, now, null, null), options.Value.ClaimLease, ct);
        switch (claim)
        {
            case DeliveryLog.Claim.AlreadySent:
                logger.LogInformation("Notification {Key} was sent at {SentAt}; the re-delivered message sends nothing", n.Key, delivery.SentAt);
                return false;
            case DeliveryLog.Claim.HeldElsewhere:
                // Another attempt holds it: let the queue bring this message back after the lease.
                throw new InvalidOperationException($"Notification {n.Key} is being sent by another attempt (claimed {delivery.ClaimedAt:O}).");
        }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.Value.SendTimeout);
            if (n.Channel == Subscription.Email) await email.SendAsync(n, timeout.Token);
            else await webhook.SendAsync(n, timeout.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            await log.ReleaseAsync(delivery, $"{e.GetType().Name}: {e.Message}", CancellationToken.None);
            logger.LogWarning("Notification {Key} by {Channel} failed (attempt {Attempt}): {Error}; the queue retries it", n.Key, n.Channel, delivery.Attempts, e.Message);
            throw;
        }
        await log.MarkSentAsync(delivery, clock.GetUtcNow(), CancellationToken.None);
        logger.LogInformation("Notification {Key} sent by {Channel}", n.Key, n.Channel);
        Telemetry.HubTelemetry.NotificationsSent.Add(1, new KeyValuePair<string, object?>("channel", n.Channel), new KeyValuePair<string, object?>("kind", n.Kind));
        return true;
    }
}
