using System.Globalization;
using System.Text.Json;

namespace Hub.Local.Local;

/// <summary>The Function App's host.json (embedded at build time), for the host behaviour `hub` plays locally: how
/// many times the queue trigger tries a sync work item before it goes to the poison queue, and how long a failed one
/// stays invisible before its retry. Read, not copied, so the two cannot drift apart.</summary>
public static class FunctionsHostSettings
{
    private static readonly Lazy<(int MaxDequeueCount, TimeSpan VisibilityTimeout)> Queues = new(() =>
    {
        using var stream = typeof(FunctionsHostSettings).Assembly.GetManifestResourceStream("functions/host.json")
            ?? throw new InvalidOperationException("host.json is not embedded in hub.");
        using var doc = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var queues = doc.RootElement.GetProperty("extensions").GetProperty("queues");
        // The host's defaults when host.json leaves them out: 5 tries, retry at once.
        var max = queues.TryGetProperty("maxDequeueCount", out var m) ? m.GetInt32() : 5;
        var visibility = queues.TryGetProperty("visibilityTimeout", out var v) ? TimeSpan.Parse(v.GetString()!, CultureInfo.InvariantCulture) : TimeSpan.Zero;
        return (max, visibility);
    });

    public static int MaxDequeueCount => Queues.Value.MaxDequeueCount;

    public static TimeSpan VisibilityTimeout => Queues.Value.VisibilityTimeout;
}
