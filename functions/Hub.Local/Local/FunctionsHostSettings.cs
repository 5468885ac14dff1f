using System.Text.Json;

namespace Hub.Local.Local;

/// <summary>The Function App's host.json (embedded at build time), for the host behaviour `hub` plays locally: how
/// many times the queue trigger tries a sync work item before it goes to the poison queue, how long a failed one
/// stays invisible before its retry, and how many it runs at once. Read, not copied, so the two cannot drift apart.</summary>
public static class FunctionsHostSettings
{
    private static readonly Lazy<(int MaxDequeueCount, TimeSpan VisibilityTimeout, int BatchSize, int NewBatchThreshold)> Queues = new(() =>
    {
        using var doc = Read();
        var queues = doc.RootElement.GetProperty("extensions").GetProperty("queues");
        // The host's defaults when host.json leaves them out: 5 tries, retry at once.
        var max = queues.TryGetProperty("maxDequeueCount", out var m) ? m.GetInt32() : 5;
        var visibility = queues.TryGetProperty("visibilityTimeout", out var v) ? TimeSpan.Parse(v.GetString()!, CultureInfo.InvariantCulture) : TimeSpan.Zero;
        var batch = queues.TryGetProperty("batchSize", out var b) ? b.GetInt32() : 16;
        var threshold = queues.TryGetProperty("newBatchThreshold", out var t) ? t.GetInt32() : batch / 2;
        return (max, visibility, batch, threshold);
    });

    private static readonly Lazy<(TimeSpan WorkItems, TimeSpan Control)> DurableVisibility = new(() =>
    {
        using var doc = Read();
        var provider = doc.RootElement.GetProperty("extensions").GetProperty("durableTask").GetProperty("storageProvider");
        // The Durable extension's default when host.json leaves them out: 5 minutes, which is what a crash then costs.
        static TimeSpan Get(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) ? TimeSpan.Parse(v.GetString()!, CultureInfo.InvariantCulture) : TimeSpan.FromMinutes(5);
        return (Get(provider, "workItemQueueVisibilityTimeout"), Get(provider, "controlQueueVisibilityTimeout"));
    });

    /// <summary>How long an activity message a dead worker held stays invisible (the framework renews it while the activity
    /// runs): what a crash mid-activity costs before another worker takes the activity up.</summary>
    public static TimeSpan WorkItemQueueVisibilityTimeout => DurableVisibility.Value.WorkItems;

    /// <summary>The same for orchestration messages (never renewed: an orchestrator episode is short).</summary>
    public static TimeSpan ControlQueueVisibilityTimeout => DurableVisibility.Value.Control;

    private static JsonDocument Read()
    {
        using var stream = typeof(FunctionsHostSettings).Assembly.GetManifestResourceStream("functions/host.json")
            ?? throw new InvalidOperationException("host.json is not embedded in hub.");
        return JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
    }

    public static int MaxDequeueCount => Queues.Value.MaxDequeueCount;

    public static TimeSpan VisibilityTimeout => Queues.Value.VisibilityTimeout;

    /// <summary>Queue messages one instance handles at once (the host fetches batchSize and runs them in parallel).</summary>
    public static int BatchSize => Queues.Value.BatchSize;

    /// <summary>The host fetches the next batch when the messages in hand drop to this many (so up to BatchSize +
    /// NewBatchThreshold run at once), instead of waiting for the slowest of a batch.</summary>
    public static int NewBatchThreshold => Queues.Value.NewBatchThreshold;
}
