using Hub.Storage.Evidence;

namespace Hub.Workflows.Sync;

/// <summary>The set of unit codes the hub knows, cached briefly: every page of every source checks against it.</summary>
public sealed class KnownUnits(UnitRepository units, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private HashSet<string>? _codes;
    private DateTimeOffset _loadedAt;

    public async Task<IReadOnlySet<string>> GetAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_codes is null || clock.GetUtcNow() - _loadedAt > Lifetime)
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
