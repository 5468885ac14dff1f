using System.Text.Json;
using Hub.Sources.Common;
using Hub.Storage.Evidence;

namespace Hub.Workflows.Sync;

/// <summary>Shared page handling of every source: map each record, check the ones that name a unit against the
/// known units, store the good ones idempotently, report the bad ones with their reasons.</summary>
public abstract class FeedSource<T>(KnownUnits knownUnits, bool perUnit) : ISyncSource where T : class
{
    public abstract string Name { get; }

    /// <summary>Per-unit sources get one work item per known unit (so units sync in parallel and a bad unit's feed
    /// does not hold the others back); catalogue sources get one for the whole feed.</summary>
    public async Task<IReadOnlyList<string>> ScopesAsync(CancellationToken ct)
    {
        if (!perUnit) return ["*"];
        var units = await knownUnits.GetAsync(ct);
        return units.Count == 0 ? ["*"] : units.Order(StringComparer.Ordinal).ToList();
    }

    public async Task<string?> ScopeProblemAsync(string scope, CancellationToken ct)
    {
        if (scope == "*") return null;
        if (!perUnit) return $"{Name} is synced as a whole (scope '*'), not by unit";
        var units = await knownUnits.GetAsync(ct);
        // Before the first agency sync no unit is known yet: the per-unit scopes cannot be judged, so they run.
        return units.Count == 0 || units.Contains(scope) ? null : $"unit '{scope}' is not a known unit";
    }

    public abstract Task<RawPage> FetchAsync(string scope, string? cursor, CancellationToken ct);

    protected abstract MapResult<T> Map(JsonElement record);

    /// <summary>The unit a record belongs to, checked against the known units; null when the record names none.</summary>
    protected abstract string? UnitOf(T value);

    protected abstract Task<VersionedUpsert.Outcome> StoreAsync(IReadOnlyList<MapResult<T>> records, CancellationToken ct);

    public async Task<PageResult> ApplyAsync(RawPage page, CancellationToken ct)
    {
        var units = await knownUnits.GetAsync(ct);
        var good = new List<MapResult<T>>();
        var bad = new List<BadRecord>();
        var skipped = 0;
        for (var i = 0; i < page.Records.Count; i++)
        {
            var mapped = Map(page.Records[i]);
            if (mapped.Skipped) { skipped++; continue; }
            var problem = mapped.Error ?? (UnitOf(mapped.Value!) is { } unit && !units.Contains(unit) ? $"unknown unit '{unit}'" : null);
            if (problem is null) good.Add(mapped);
            else bad.Add(new BadRecord(i, mapped.Id, problem));
        }
        var outcome = good.Count > 0 ? await StoreAsync(good, ct) : new VersionedUpsert.Outcome(0, 0);
        DateTimeOffset? newest = good.Count > 0 ? good.Max(g => g.Version) : null;
        // Skipped records (well-formed, nothing to count yet) are reported with the stale ones: read, not stored, not bad.
        return new PageResult(outcome.Stored, outcome.Stale + skipped, bad, newest);
    }

    protected static string? Scope(string scope) => scope == "*" ? null : scope;
}
