using Hub.Sources.Common;
using Hub.Storage.Queues;
using Hub.Storage.Sync;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Workflows.Sync;

/// <summary>Runs one sync work item: from the saved cursor, page by page: archive the (redacted) raw page, validate and
/// upsert its records idempotently, quarantine the bad ones, and only then advance the cursor. A crash anywhere
/// re-runs at most one page, whose writes are no-ops the second time: at-least-once delivery, no double count.</summary>
public sealed class SyncRunner(
    IEnumerable<ISyncSource> sources,
    SyncStateRepository states,
    SyncRunRepository runs,
    QuarantineRepository quarantine,
    RawArchive archive,
    PersonalDataRedactor redactor,
    KnownUnits knownUnits,
    TimeProvider clock,
    IOptions<SyncOptions> options,
    ILogger<SyncRunner> logger)
{
    private readonly Dictionary<string, ISyncSource> _sources = sources.ToDictionary(s => s.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<string> SourceNames => _sources.Keys;

    public ISyncSource? Find(string name) => _sources.GetValueOrDefault(name);

    public ISyncSource Source(string name) =>
        _sources.TryGetValue(name, out var s) ? s : throw new ArgumentException($"Unknown sync source '{name}' (known: {string.Join(", ", _sources.Keys)}).");

    /// <summary>Runs the item; returns the run record and whether the source has more pages (a follow-up item is due).</summary>
    public async Task<(SyncRun Run, bool More)> RunAsync(SyncWorkItem item, CancellationToken ct)
    {
        var source = Source(item.Source);
        var runId = Guid.NewGuid().ToString("N")[..12];
        using var activity = Telemetry.HubTelemetry.Source.StartActivity($"sync {item.Source}");
        activity?.SetTag("hub.sync.source", item.Source);
        activity?.SetTag("hub.sync.scope", item.Scope);
        activity?.SetTag("hub.sync.run", runId);
        var tags = new KeyValuePair<string, object?>("source", item.Source);
        using var _ = logger.BeginScope(new Dictionary<string, object> { ["SyncSource"] = item.Source, ["SyncScope"] = item.Scope, ["SyncRunId"] = runId });
        var startedAt = clock.GetUtcNow();
        var (state, etag) = await states.GetAsync(item.Source, item.Scope, ct);
        int pages = 0, read = 0, stored = 0, bad = 0, stale = 0;
        var more = true;
        Task<RawPage>? prefetch = null;
        try
        {
            while (more && pages < options.Value.MaxPagesPerRun)
            {
                var page = await (prefetch ?? source.FetchAsync(item.Scope, state.Cursor, ct));
                // Pipelined: the next page is fetched (a read, nothing moves) while this one is archived and stored; the
                // archive and the records are written side by side; the cursor still moves only once both are done.
                prefetch = page.More && pages + 1 < options.Value.MaxPagesPerRun && page.Next is not null ? source.FetchAsync(item.Scope, page.Next, ct) : null;
                var cursorBefore = state.Cursor;
                var archiving = Task.Run(() => archive.SaveAsync(item.Source, item.Scope, cursorBefore, redactor.Redact(page.Raw), ct), ct);
                PageResult result;
                try { result = await source.ApplyAsync(page, ct); }
                finally { await Observe(archiving); }
                var rawBlob = await archiving;
                if (result.Bad.Count > 0)
                {
                    await quarantine.AddAsync(result.Bad.Select(b => new QuarantinedRecord(item.Source, b.RecordId, b.Reason, rawBlob, b.Index, clock.GetUtcNow())).ToList(), ct);
                    foreach (var b in result.Bad.Take(5))
                        logger.LogWarning("Quarantined record {RecordId} at {RawBlob}[{Index}]: {Reason}", b.RecordId, rawBlob, b.Index, b.Reason);
                }
                pages++; read += page.Records.Count; stored += result.Stored; stale += result.Stale; bad += result.Bad.Count;
                // Counted page by page, so that progress shows while a long work item runs.
                Telemetry.HubTelemetry.RecordsRead.Add(page.Records.Count, tags);
                Telemetry.HubTelemetry.RecordsStored.Add(result.Stored, tags);
                Telemetry.HubTelemetry.RecordsQuarantined.Add(result.Bad.Count, tags);
                more = page.More;

                // The page is stored: now, and only now, the watermark moves.
                state = state with
                {
                    Cursor = page.Next ?? state.Cursor,
                    Watermark = Max(state.Watermark, result.NewestVersion),
                    LastAttemptAt = startedAt,
                    LastSuccessAt = more ? state.LastSuccessAt : startedAt,
                    LastError = null,
                };
                etag = await states.SaveAsync(state, etag, ct);
            }
            if (SyncSources.Find(item.Source)?.RefreshesUnits == true) knownUnits.Invalidate();
            var run = new SyncRun(item.Source, item.Scope, runId, startedAt, clock.GetUtcNow(), pages, read, stored, bad, stale, null);
            Telemetry.HubTelemetry.RunDuration.Record((run.FinishedAt - startedAt).TotalSeconds, tags, new("kind", "sync"));
            activity?.SetTag("hub.sync.read", read);
            activity?.SetTag("hub.sync.stored", stored);
            activity?.SetTag("hub.sync.quarantined", bad);
            await runs.AddAsync(run, ct);
            logger.LogInformation("Sync {Source}/{Scope}: {Pages} pages, {Read} read, {Stored} stored, {Quarantined} quarantined, {Stale} stale; more: {More}",
                item.Source, item.Scope, pages, read, stored, bad, stale, more);
            return (run, more);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (prefetch is not null) await Observe(prefetch);
            logger.LogError(e, "Sync {Source}/{Scope} failed after {Pages} pages", item.Source, item.Scope, pages);
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.Message);
            await RecordFailureAsync(item, startedAt, runId, pages, read, stored, bad, stale, e, ct);
            throw;
        }
    }

    private async Task RecordFailureAsync(SyncWorkItem item, DateTimeOffset startedAt, string runId, int pages, int read, int stored, int bad, int stale, Exception error, CancellationToken ct)
    {
        var message = error is SourceException ? error.Message : $"{error.GetType().Name}: {error.Message}";
        try
        {
            var (current, etag) = await states.GetAsync(item.Source, item.Scope, ct);
            await states.SaveAsync(current with { LastAttemptAt = startedAt, LastError = message }, etag, ct);
            await runs.AddAsync(new SyncRun(item.Source, item.Scope, runId, startedAt, clock.GetUtcNow(), pages, read, stored, bad, stale, message), ct);
        }
        catch (Exception inner)
        {
            logger.LogWarning(inner, "Could not record the failure of sync {Source}/{Scope}", item.Source, item.Scope);
        }
    }

    /// <summary>Waits for a task whose failure is reported elsewhere (or does not matter any more), so it is never left
    /// running or unobserved.</summary>
    private static async Task Observe(Task task)
    {
        try { await task; }
        catch { /* reported by whoever awaits it for its result */ }
    }

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
