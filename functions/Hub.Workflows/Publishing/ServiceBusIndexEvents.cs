using Hub.Storage.Publications;
using Hub.Workflows.AzureClients;

namespace Hub.Workflows.Publishing;

/// <summary>Azure transport of "index published": its Service Bus topic; the message id is period + version.</summary>
public sealed class ServiceBusIndexEvents(ServiceBusTopic topic) : IIndexPublishedEvents
{
    public Task SendAsync(IndexPublished message, CancellationToken ct) => topic.SendAsync(ToMessage(message), ct);

    public static Azure.Messaging.ServiceBus.ServiceBusMessage ToMessage(IndexPublished message) =>
        ServiceBusTopic.Message(message, $"{message.Period}-v{message.Version}", "index-published",
            [new("period", message.Period), new("version", message.Version), new("methodology", message.Methodology)]);
}
