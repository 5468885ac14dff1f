using Hub.Sources.Common;

namespace Hub.Workflows.Sync;

/// <summary>One source the hub syncs: how to fetch a page after a cursor, and how to validate, map and store its records.</summary>
public interface ISyncSource
{
    /// <summary>Stable name: work items, watermarks, quarantine and raw archive are keyed by it.</summary>
    string Name { get; }

    /// <summary>Scopes one timer tick enqueues (unit codes, or "*" for the whole source).</summary>
    Task<IReadOnlyList<string>> ScopesAsync(CancellationToken ct);

    Task<RawPage> FetchAsync(string scope, string? cursor, CancellationToken ct);

    /// <summary>Why a scope can never be synced (a unit nobody knows, a malformed period), or null when it can: such a
    /// work item goes to the poison queue at once and leaves no state behind.</summary>
    Task<string?> ScopeProblemAsync(string scope, CancellationToken ct) => Task.FromResult<string?>(null);

    /// <summary>Why nothing can be fetched from the source as configured (its API key not set, or an unresolved Key Vault
    /// reference), or null. The other sources sync regardless.</summary>
    string? ConfigurationProblem => null;

    /// <summary>Whether the source is synced per unit, and so has nothing to sync until the unit list is known.</summary>
    bool WaitsForUnits => false;

    /// <summary>The scopes that must have caught up past a period's end before it is scored; null: every current scope
    /// the source has synced.</summary>
    Task<IReadOnlyList<string>?> ScopesRequiredForAsync(Hub.Domain.Periods.Period period, CancellationToken ct) => Task.FromResult<IReadOnlyList<string>?>(null);

    /// <summary>Of every source's states, this source's for the scopes it still syncs: a scope it no longer enqueues
    /// (the "*" a per-unit source once had, a unit gone from the catalogue) never syncs again, and must not make the
    /// source look behind.</summary>
    Task<IReadOnlyList<Hub.Storage.Sync.SyncState>> CurrentAsync(IReadOnlyList<Hub.Storage.Sync.SyncState> all, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Hub.Storage.Sync.SyncState>>(all.Where(s => s.Source == Name).ToList());

    /// <summary>When the source as a whole last caught up, from its scopes' states: by default the oldest, and only
    /// when every scope has caught up at least once.</summary>
    DateTimeOffset? CaughtUpAt(IReadOnlyList<Hub.Storage.Sync.SyncState> scopes) => OldestCaughtUp(scopes);

    static DateTimeOffset? OldestCaughtUp(IReadOnlyList<Hub.Storage.Sync.SyncState> scopes) =>
        scopes.Count > 0 && scopes.All(s => s.LastSuccessAt is not null) ? scopes.Min(s => s.LastSuccessAt) : null;

    /// <summary>Validates and stores the page's good records idempotently; returns what happened to each.</summary>
    Task<PageResult> ApplyAsync(RawPage page, CancellationToken ct);
}

public sealed record BadRecord(int Index, string? RecordId, string Reason);

public sealed record PageResult(int Stored, int Stale, IReadOnlyList<BadRecord> Bad, DateTimeOffset? NewestVersion);
