namespace Hub.Storage.Publications;

/// <summary>Local transport: the index-published storage queue (base64 JSON).</summary>
public sealed class StorageQueueIndexEvents(StorageClients storage) : IIndexPublishedEvents
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task SendAsync(IndexPublished message, CancellationToken ct) =>
        await storage.Queue(StorageNames.IndexPublishedQueue).SendMessageAsync(JsonSerializer.Serialize(message, Json), ct);
}
