using Hub.Storage.Alerts;
using Hub.Workflows.AzureClients;

namespace Hub.Workflows.Alerts;

/// <summary>Azure transport of alert events: the Service Bus topic hub-alerts, beside index-published; the message
/// id is the alert, its event and when it was raised.</summary>
public sealed class ServiceBusAlertEvents(ServiceBusTopic topic) : IAlertEvents
{
    public Task SendAsync(AlertEvent alert, CancellationToken ct) =>
        topic.SendAsync(ServiceBusTopic.Message(alert, $"{alert.Id}|{alert.Event}|{alert.RaisedAt.UtcTicks}", $"alert-{alert.Event}",
            [new("schema", alert.Schema), new("rule", alert.Rule), new("unit", alert.Unit), new("event", alert.Event)]), ct);
}
