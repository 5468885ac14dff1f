using Azure.Storage.Queues;

namespace Hub.Storage.Queues;

/// <summary>The sync work queue. Messages are base64 JSON, the encoding the Functions queue trigger expects.</summary>
public sealed class SyncWorkQueue(StorageClients storage)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    public QueueClient Client { get; } = storage.Queue(StorageNames.SyncWorkQueue);

    public Task EnqueueAsync(SyncWorkItem item, CancellationToken ct) =>
        Client.SendMessageAsync(JsonSerializer.Serialize(item, Json), ct);

    public static SyncWorkItem Parse(string message)
    {
        SyncWorkItem? item;
        try { item = JsonSerializer.Deserialize<SyncWorkItem>(message, Json); }
        catch (JsonException e) { throw new FormatException($"Sync work item is not valid JSON: {e.Message}", e); }
        if (item is null || string.IsNullOrWhiteSpace(item.Source) || string.IsNullOrWhiteSpace(item.Scope))
            throw new FormatException("Sync work item must have 'source' and 'scope'.");
        return item;
    }
}
