using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Hub.Storage.Publications;

namespace Hub.Workflows.Publishing;

/// <summary>Azure transport: the "index published" Service Bus topic. The message id is period + version, so the
/// topic's duplicate detection drops a resend after an activity retry.</summary>
public sealed class ServiceBusIndexEvents(ServiceBusClient client, string topic) : IIndexPublishedEvents
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task SendAsync(IndexPublished message, CancellationToken ct)
    {
        await using var sender = client.CreateSender(topic);
        await sender.SendMessageAsync(ToMessage(message), ct);
    }

    public static ServiceBusMessage ToMessage(IndexPublished message) => new(JsonSerializer.SerializeToUtf8Bytes(message, Json))
    {
        MessageId = $"{message.Period}-v{message.Version}",
        Subject = "index-published",
        ContentType = "application/json",
        ApplicationProperties = { ["period"] = message.Period, ["version"] = message.Version, ["methodology"] = message.Methodology },
    };
}
