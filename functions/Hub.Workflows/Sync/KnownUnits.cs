using Hub.Storage.Evidence;

namespace Hub.Workflows.Sync;

/// <summary>The set of unit codes the hub knows, cached briefly: every page of every source checks against it. An empty
/// set is never cached (on a fresh deployment the first agency sync may finish on another instance at any moment), and
/// a code the cache does not know can be checked again against storage before a record is refused for it.</summary>
public sealed class KnownUnits(UnitRepository units, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    /// <summary>How old the cache may be before a miss reloads it: often enough for a catalogue synced elsewhere to be
    /// seen at once, seldom enough that a page full of truly unknown units costs one read, not one per record.</summary>
    private static readonly TimeSpan MissReloadAfter = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private HashSet<string>? _codes;
    private DateTimeOffset _loadedAt;

    public Task<IReadOnlySet<string>> GetAsync(CancellationToken ct) => LoadAsync(Lifetime, ct);

    /// <summary>The set again, reloaded unless it was loaded in the last few seconds: for a code that was not in it.</summary>
    public Task<IReadOnlySet<string>> RefreshAsync(CancellationToken ct) => LoadAsync(MissReloadAfter, ct);

    private async Task<IReadOnlySet<string>> LoadAsync(TimeSpan maxAge, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_codes is null || _codes.Count == 0 || clock.GetUtcNow() - _loadedAt > maxAge)
            {
                _codes = (await units.ListAsync(ct)).Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
                _loadedAt = clock.GetUtcNow();
            }
            return _codes;
        }
        finally { _gate.Release(); }
    }

    /// <summary>Forget the cache (after the agency catalogue has just been synced).</summary>
    public void Invalidate() => _codes = null;
}
