using System.Text.Json;
using Hub.Sources.Common;
using Hub.Storage.Evidence;

namespace Hub.Workflows.Sync;

/// <summary>Shared page handling of every source: map each record, check the ones that name a unit against the
/// known units, store the good ones idempotently, report the bad ones with their reasons.</summary>
public abstract class FeedSource<T>(KnownUnits knownUnits, bool perUnit) : ISyncSource where T : class
{
    public abstract string Name { get; }

    public bool WaitsForUnits => perUnit;

    public virtual string? ConfigurationProblem => null;

    /// <summary>Per-unit sources get one work item per known unit (so units sync in parallel and a bad unit's feed
    /// does not hold the others back), and none before the unit list is known: a feed read as a whole then would have
    /// every record refused as "unknown unit", and its "*" scope would never be synced again. Catalogue sources get one
    /// for the whole feed.</summary>
    public async Task<IReadOnlyList<string>> ScopesAsync(CancellationToken ct)
    {
        if (!perUnit) return [WholeFeed];
        var units = await knownUnits.GetAsync(ct);
        return units.Order(StringComparer.Ordinal).ToList();
    }

    public async Task<string?> ScopeProblemAsync(string scope, CancellationToken ct)
    {
        if (!perUnit) return scope == WholeFeed ? null : $"{Name} is synced as a whole (scope '*'), not by unit";
        if (scope == WholeFeed) return $"{Name} is synced per unit: scope '*' is obsolete (enqueued before the unit list was known)";
        if ((await knownUnits.GetAsync(ct)).Contains(scope)) return null;
        return (await knownUnits.RefreshAsync(ct)).Contains(scope) ? null : $"unit '{scope}' is not a known unit";
    }

    /// <summary>What a period's scoring waits for: every unit known now (a unit never synced is asked for), or the whole
    /// feed. Never a scope that is no longer synced — a "*" of a per-unit source, a unit gone from the catalogue.</summary>
    public async Task<IReadOnlyList<string>?> ScopesRequiredForAsync(Hub.Domain.Periods.Period period, CancellationToken ct) => await ScopesAsync(ct);

    public async Task<IReadOnlyList<Hub.Storage.Sync.SyncState>> CurrentAsync(IReadOnlyList<Hub.Storage.Sync.SyncState> all, CancellationToken ct)
    {
        var current = (await ScopesAsync(ct)).ToHashSet(StringComparer.Ordinal);
        return all.Where(s => s.Source == Name && current.Contains(s.Scope)).ToList();
    }

    public abstract Task<RawPage> FetchAsync(string scope, string? cursor, CancellationToken ct);

    protected abstract MapResult<T> Map(JsonElement record);

    /// <summary>The unit a record belongs to, checked against the known units; null when the record names none.</summary>
    protected abstract string? UnitOf(T value);

    protected abstract Task<VersionedUpsert.Outcome> StoreAsync(IReadOnlyList<MapResult<T>> records, CancellationToken ct);

    public async Task<PageResult> ApplyAsync(RawPage page, CancellationToken ct)
    {
        var units = await knownUnits.GetAsync(ct);
        var refreshed = false;
        var good = new List<MapResult<T>>();
        var bad = new List<BadRecord>();
        var skipped = 0;
        for (var i = 0; i < page.Records.Count; i++)
        {
            var mapped = Map(page.Records[i]);
            if (mapped.Skipped) { skipped++; continue; }
            var unit = mapped.Error is null ? UnitOf(mapped.Value!) : null;
            if (unit is not null && !units.Contains(unit) && !refreshed)
            {
                // The cache may predate a catalogue another instance just synced: ask storage once before refusing.
                units = await knownUnits.RefreshAsync(ct);
                refreshed = true;
            }
            var problem = mapped.Error ?? (unit is not null && !units.Contains(unit) ? $"unknown unit '{unit}'" : null);
            if (problem is null) good.Add(mapped);
            else bad.Add(new BadRecord(i, mapped.Id, problem));
        }
        var outcome = good.Count > 0 ? await StoreAsync(good, ct) : new VersionedUpsert.Outcome(0, 0);
        DateTimeOffset? newest = good.Count > 0 ? good.Max(g => g.Version) : null;
        // Skipped records (well-formed, nothing to count yet) are reported with the stale ones: read, not stored, not bad.
        return new PageResult(outcome.Stored, outcome.Stale + skipped, bad, newest);
    }

    private const string WholeFeed = "*";

    protected static string? Scope(string scope) => scope == WholeFeed ? null : scope;
}
