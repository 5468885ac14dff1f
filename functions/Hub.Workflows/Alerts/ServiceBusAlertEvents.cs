using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Hub.Storage.Alerts;

namespace Hub.Workflows.Alerts;

/// <summary>Azure transport of alert events: the Service Bus topic hub-alerts, beside index-published. The message id
/// makes a resend after an activity retry a duplicate the topic drops.</summary>
public sealed class ServiceBusAlertEvents(ServiceBusClient client, string topic) : IAlertEvents
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task SendAsync(AlertEvent alert, CancellationToken ct)
    {
        await using var sender = client.CreateSender(topic);
        await sender.SendMessageAsync(new ServiceBusMessage(JsonSerializer.SerializeToUtf8Bytes(alert, Json))
        {
            MessageId = $"{alert.Id}|{alert.Event}|{alert.RaisedAt.UtcTicks}",
            Subject = $"alert-{alert.Event}",
            ContentType = "application/json",
            ApplicationProperties = { ["schema"] = alert.Schema, ["rule"] = alert.Rule, ["unit"] = alert.Unit, ["event"] = alert.Event },
        }, ct);
    }
}
