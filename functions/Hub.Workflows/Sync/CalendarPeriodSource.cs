using Hub.Domain.Periods;
using Hub.Sources.Common;

namespace Hub.Workflows.Sync;

/// <summary>A source synced by period (the portal's evaluation, its national ranking): one work item per calendar
/// period — the running and the last closed one of each kind the source captures, which the portal still recomputes —
/// each run a new capture kept beside the earlier ones. The portal publishes calendar periods only.</summary>
public abstract class CalendarPeriodSource(TimeProvider clock, string what, params PeriodKind[] kinds) : ISyncSource
{
    public abstract string Name { get; }

    public abstract string? ConfigurationProblem { get; }

    public Task<IReadOnlyList<string>> ScopesAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        IReadOnlyList<string> scopes = kinds.SelectMany(kind => new[] { Period.Containing(now, kind), Period.Containing(now, kind).Previous })
            .Select(p => p.ToString()).Distinct().Order(StringComparer.Ordinal).ToList();
        return Task.FromResult(scopes);
    }

    public Task<string?> ScopeProblemAsync(string scope, CancellationToken ct) =>
        Task.FromResult(!Period.TryParse(scope, out var period, out var error) ? error
            : period.IsReporting ? $"the portal publishes no {what} of reporting periods ({scope})" : null);

    /// <summary>Scopes are periods, and a period past is never captured again: the freshest capture says whether the
    /// source keeps up.</summary>
    public DateTimeOffset? CaughtUpAt(IReadOnlyList<Hub.Storage.Sync.SyncState> scopes) => scopes.Max(s => s.LastSuccessAt);

    public abstract Task<IReadOnlyList<string>?> ScopesRequiredForAsync(Period period, CancellationToken ct);

    public abstract Task<RawPage> FetchAsync(string scope, string? cursor, CancellationToken ct);

    public abstract Task<PageResult> ApplyAsync(RawPage page, CancellationToken ct);
}
