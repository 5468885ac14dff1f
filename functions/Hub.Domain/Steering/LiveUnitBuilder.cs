using Hub.Domain.Catalog;
using Hub.Domain.Evidence;
using Hub.Domain.Periods;
using Hub.Domain.Scoring;

namespace Hub.Domain.Steering;

/// <summary>One unit's live state for a running period, as of an instant: its evidence as is and in the best case,
/// the dossiers that are or may become watched, and the ones whose on-time finish is recoverable.</summary>
public sealed record LiveUnitSnapshot(
    string UnitCode,
    Period Period,
    DateTimeOffset AsOf,
    UnitEvidence AsIs,
    UnitEvidence BestCase,
    IReadOnlyList<WatchDossier> Watched,
    IReadOnlyList<string> Recoverable);

/// <summary>Counts a unit's records, in one pass and in any order, into its live snapshot: the same counting as a
/// scoring run (EvidenceAccumulator), twice — as is, and with the recoverable dossiers finished on time.</summary>
public sealed class LiveUnitBuilder(string unitCode, Period period, CatalogParameters parameters, DateTimeOffset asOf, WatchOptions options)
{
    private readonly EvidenceAccumulator _asIs = new(period, parameters);
    private readonly EvidenceAccumulator _best = new(period, parameters);
    private readonly List<WatchDossier> _watched = [];
    private readonly List<WatchDossier> _recoverable = [];
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    public void Add(Procedure p) { _asIs.Add(p); _best.Add(p); }

    public void Add(FeedbackItem f) { _asIs.Add(f); _best.Add(f); }

    public void Add(Rating r) { _asIs.Add(r); _best.Add(r); }

    /// <summary>A dossier in its latest version, with its portal status and the procedure's name.</summary>
    public void Add(Dossier d, int status, string? procedureName)
    {
        if (procedureName is { Length: > 0 }) _names.TryAdd(d.ProcedureCode, procedureName);
        _asIs.Add(d);
        var watch = WatchDossier.From(d, status, procedureName);
        if (Forecast.IsRecoverable(watch, period, asOf))
        {
            _best.Add(Forecast.FinishedOnTime(d));
            _recoverable.Add(watch);
        }
        else _best.Add(d);
        if (WatchRules.MayWatch(watch, period, options)) _watched.Add(watch);
    }

    public LiveUnitSnapshot Build()
    {
        _asIs.Touch(unitCode);
        _best.Touch(unitCode);
        var asIs = _asIs.Result().Single(e => e.UnitCode == unitCode) with { ProcedureNames = _names };
        var best = _best.Result().Single(e => e.UnitCode == unitCode) with { ProcedureNames = _names };
        var recoverable = _recoverable.OrderBy(d => d.DueAt).ThenBy(d => d.Id, StringComparer.Ordinal).Select(d => d.Id).ToList();
        return new LiveUnitSnapshot(unitCode, period, asOf, asIs, best,
            _watched.OrderBy(d => d.Id, StringComparer.Ordinal).ToList(), recoverable);
    }
}
