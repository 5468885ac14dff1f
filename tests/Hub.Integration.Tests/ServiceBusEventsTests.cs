using Azure.Messaging.ServiceBus;
using Hub.Workflows.Publishing;

namespace Hub.Integration.Tests;

/// <summary>The Service Bus transport, through the SDK's own mocking seams (protected constructors, virtual members):
/// no broker runs here.</summary>
public class ServiceBusEventsTests
{
    private sealed class RecordingSender : ServiceBusSender
    {
        public List<ServiceBusMessage> Sent { get; } = [];
        public bool Disposed { get; private set; }
        public override Task SendMessageAsync(ServiceBusMessage message, CancellationToken cancellationToken = default) { Sent.Add(message); return Task.CompletedTask; }
        public override ValueTask DisposeAsync() { Disposed = true; return ValueTask.CompletedTask; }
    }

    private sealed class FakeClient(RecordingSender sender) : ServiceBusClient
    {
        public string? Topic { get; private set; }
        public override ServiceBusSender CreateSender(string queueOrTopicName) { Topic = queueOrTopicName; return sender; }
    }

    [Fact]
    public async Task Index_published_goes_to_the_topic_with_an_idempotent_message_id()
    {
        var sender = new RecordingSender();
        var client = new FakeClient(sender);
        var events = new ServiceBusIndexEvents(new Hub.Workflows.AzureClients.ServiceBusTopic(client, "index-published"));
        var published = new IndexPublished("2026-Q3", 2, "766-2022", "sha256:abc", "reports/2026-Q3/v2/", DateTimeOffset.Parse("2026-10-05T02:00:00Z"));

        await events.SendAsync(published, default);

        Assert.Equal("index-published", client.Topic);
        var message = Assert.Single(sender.Sent);
        Assert.Equal("2026-Q3-v2", message.MessageId); // duplicate detection drops a resend after a retry
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal("2026-Q3", message.ApplicationProperties["period"]);
        Assert.Equal(2, message.ApplicationProperties["version"]);
        var body = message.Body.ToObjectFromJson<IndexPublished>(new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        Assert.Equal(published, body);
        Assert.True(sender.Disposed);
    }

    [Fact]
    public void A_received_event_round_trips_through_the_model_factory()
    {
        var message = ServiceBusIndexEvents.ToMessage(new IndexPublished("2026-Q3", 1, "766-2022", "sha256:x", "reports/2026-Q3/v1/", DateTimeOffset.UnixEpoch));
        var received = ServiceBusModelFactory.ServiceBusReceivedMessage(body: message.Body, messageId: message.MessageId, properties: message.ApplicationProperties);
        Assert.Equal("2026-Q3-v1", received.MessageId);
        Assert.Equal(1, received.ApplicationProperties["version"]);
        Assert.Contains("\"period\":\"2026-Q3\"", received.Body.ToString());
    }
}
