using System.Collections.Concurrent;
using System.Net;

namespace Hub.Simulators.Portal;

/// <summary>Faults to inject into the next requests, for tests and demos: errors, throttling with Retry-After,
/// slow answers. Thread-safe; each queued fault is consumed by one request.</summary>
public sealed class FaultPlan
{
    private readonly ConcurrentQueue<Fault> _queue = new();

    public void FailNext(int count, HttpStatusCode status = HttpStatusCode.ServiceUnavailable)
    {
        for (var i = 0; i < count; i++) _queue.Enqueue(new Fault(status, null, TimeSpan.Zero));
    }

    public void ThrottleNext(int count, TimeSpan retryAfter)
    {
        for (var i = 0; i < count; i++) _queue.Enqueue(new Fault((HttpStatusCode)429, retryAfter, TimeSpan.Zero));
    }

    public void DelayNext(int count, TimeSpan delay)
    {
        for (var i = 0; i < count; i++) _queue.Enqueue(new Fault(null, null, delay));
    }

    public bool TryTake(out Fault fault) => _queue.TryDequeue(out fault!);

    private int _duplicatePages;

    /// <summary>The next pages repeat every record (an at-least-once feed).</summary>
    public void DuplicateNextPages(int count) => Interlocked.Add(ref _duplicatePages, count);

    public bool TakeDuplicatePage()
    {
        while (true)
        {
            var n = Volatile.Read(ref _duplicatePages);
            if (n <= 0) return false;
            if (Interlocked.CompareExchange(ref _duplicatePages, n - 1, n) == n) return true;
        }
    }

    public int Pending => _queue.Count;

    public sealed record Fault(HttpStatusCode? Status, TimeSpan? RetryAfter, TimeSpan Delay);
}
