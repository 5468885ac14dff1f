using System.Text.Json;
using Azure.Messaging.ServiceBus;

namespace Hub.Workflows.AzureClients;

/// <summary>One Service Bus topic the hub publishes JSON events to (index published, alerts). Each event carries a
/// message id of its own making, so the topic's duplicate detection drops a resend after an activity retry.</summary>
public sealed class ServiceBusTopic(ServiceBusClient client, string topic)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ServiceBusMessage Message<T>(T body, string messageId, string subject, IEnumerable<KeyValuePair<string, object>> properties)
    {
        var message = new ServiceBusMessage(JsonSerializer.SerializeToUtf8Bytes(body, Json)) { MessageId = messageId, Subject = subject, ContentType = "application/json" };
        foreach (var (name, value) in properties) message.ApplicationProperties[name] = value;
        return message;
    }

    public async Task SendAsync(ServiceBusMessage message, CancellationToken ct)
    {
        await using var sender = client.CreateSender(topic);
        await sender.SendMessageAsync(message, ct);
    }
}
