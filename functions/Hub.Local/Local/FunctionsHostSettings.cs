using System.Text.Json;

namespace Hub.Local.Local;

/// <summary>The Function App's host.json (embedded at build time), for the host behaviour `hub` plays locally: how
/// many times the queue trigger tries a sync work item before it goes to the poison queue, how long a failed one
/// stays invisible before its retry, and how many it runs at once. Read, not copied, so the two cannot drift apart.</summary>
public static class FunctionsHostSettings
{
    private static readonly Lazy<(int MaxDequeueCount, TimeSpan VisibilityTimeout, int BatchSize)> Queues = new(() =>
    {
        using var stream = typeof(FunctionsHostSettings).Assembly.GetManifestResourceStream("functions/host.json")
            ?? throw new InvalidOperationException("host.json is not embedded in hub.");
        using var doc = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var queues = doc.RootElement.GetProperty("extensions").GetProperty("queues");
        // The host's defaults when host.json leaves them out: 5 tries, retry at once.
        var max = queues.TryGetProperty("maxDequeueCount", out var m) ? m.GetInt32() : 5;
        var visibility = queues.TryGetProperty("visibilityTimeout", out var v) ? TimeSpan.Parse(v.GetString()!, CultureInfo.InvariantCulture) : TimeSpan.Zero;
        var batch = queues.TryGetProperty("batchSize", out var b) ? b.GetInt32() : 16;
        return (max, visibility, batch);
    });

    public static int MaxDequeueCount => Queues.Value.MaxDequeueCount;

    public static TimeSpan VisibilityTimeout => Queues.Value.VisibilityTimeout;

    /// <summary>Queue messages one instance handles at once (the host fetches batchSize and runs them in parallel).</summary>
    public static int BatchSize => Queues.Value.BatchSize;
}
