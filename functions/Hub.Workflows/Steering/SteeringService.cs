using Hub.Domain.Catalog;
using Hub.Domain.Periods;
using Hub.Domain.Scoring;
using Hub.Domain.Steering;
using Hub.Domain.Units;
using Hub.Storage.Evidence;
using Hub.Storage.Portal;
using Hub.Storage.Scores;
using Hub.Storage.Steering;
using Hub.Workflows.Scoring;
using Microsoft.Extensions.Options;

namespace Hub.Workflows.Steering;

/// <summary>A unit's (and its subtree's) live view of a running period, read from the live snapshots: the watch lists
/// as of now, the live figures scored exactly as a scoring run scores them, the forecast, the per-procedure breakdown.</summary>
public sealed class SteeringService(
    UnitRepository units,
    LiveSnapshotStore snapshots,
    LiveFigureService live,
    PortalEvaluationRepository portal,
    ScoreRepository scores,
    EvidenceStore evidence,
    IOptions<SteeringOptions> options,
    IOptions<ScoringOptions> scoring,
    TimeProvider clock)
{
    public const int MaxPageSize = 500;
    public const int MaxExportRows = 100_000;

    /// <summary>Why the period cannot be viewed live, or null: only the running periods the hub keeps live can.</summary>
    public string? LiveProblem(Period period)
    {
        var running = live.LivePeriodsAt(clock.GetUtcNow());
        return running.Contains(period) ? null : $"{period} is not a running period kept live; the live periods now are {string.Join(", ", running)}.";
    }

    public async Task<UnitTree> TreeAsync(CancellationToken ct) => await units.LoadTreeAsync(ct);

    /// <summary>The watch list of the unit's subtree, as of now, filtered; every row, ordered: by list, most days late
    /// first, then soonest due, then dossier code.</summary>
    public async Task<WatchView> WatchListAsync(Period period, string unitCode, UnitTree tree, WatchKind? kind, string? procedure, CancellationToken ct) =>
        WatchList(period, unitCode, tree, await snapshots.GetManyAsync(period, tree.Subtree(unitCode), ct), kind, procedure);

    /// <summary>As WatchListAsync, from snapshots already read (the live view's: every unit's); only the subtree's count.</summary>
    public WatchView WatchList(Period period, string unitCode, UnitTree tree, IReadOnlyList<LiveUnitSnapshot> read, WatchKind? kind = null, string? procedure = null)
    {
        var now = clock.GetUtcNow();
        var subtree = tree.Subtree(unitCode);
        var inSubtree = subtree.ToHashSet(StringComparer.Ordinal);
        var taken = read.Where(s => inSubtree.Contains(s.UnitCode)).ToList();
        var watch = options.Value.Watch;
        var all = taken.SelectMany(s => s.Watched).SelectMany(d => WatchRules.Classify(d, period, now, watch)).ToList();
        var counts = WatchKinds.All.ToDictionary(k => k.Name(), k => all.Count(e => e.Kind == k));
        var rows = all
            .Where(e => kind is null || e.Kind == kind)
            .Where(e => procedure is null || string.Equals(e.Dossier.ProcedureCode, procedure, StringComparison.Ordinal))
            .OrderBy(e => e.Kind).ThenByDescending(e => e.DaysLate ?? 0).ThenBy(e => e.Dossier.DueAt ?? DateTimeOffset.MaxValue).ThenBy(e => e.Dossier.Id, StringComparer.Ordinal)
            .ToList();
        return new WatchView(period, unitCode, now, OldestAsOf(taken), counts, rows, subtree.Except(taken.Select(s => s.UnitCode)).ToList());
    }

    /// <summary>The live figures of every unit of the tree for the period, as is and in the best case, and the snapshots
    /// they come from.</summary>
    public async Task<LiveView> FiguresAsync(Period period, UnitTree tree, CancellationToken ct)
    {
        var taken = await snapshots.GetManyAsync(period, tree.Units.Select(u => u.Code), ct);
        var catalog = IndexCatalogs.Get(scoring.Value.MethodologyFor(period));
        var inputs = PortalInputs.None;
        if (catalog.Indicators.Any(i => i.Parts.Any(p => Measures.IsPortal(p.Measure))) && await portal.LatestAsync(period, ct) is { } capture)
            inputs = capture.ToInputs();
        var asIs = IndexScorer.Score(period, catalog, tree, taken.Select(s => s.AsIs), inputs);
        var best = IndexScorer.Score(period, catalog, tree, taken.Select(s => s.BestCase), inputs);
        return new LiveView(period, catalog, asIs, best, taken, OldestAsOf(taken));
    }

    /// <summary>The per-procedure breakdown of a period already scored (its latest scoring run's evidence), for every unit.</summary>
    public async Task<(IndexResult Result, IReadOnlyDictionary<string, IReadOnlyList<ProcedureCost>> Breakdown)?> ScoredBreakdownAsync(Period period, UnitTree tree, CancellationToken ct)
    {
        var stored = await scores.GetPeriodAsync(period, ct);
        if (stored.Count == 0) return null;
        var runId = stored.MaxBy(s => s.ScoredAt)!.RunId;
        var result = await evidence.LoadResultAsync(EvidenceStore.ResultBlob(period, runId), ct);
        var all = (await evidence.LoadEvidenceOfAsync(period, runId, tree.Units.Select(u => u.Code), ct)).Where(l => l.Evidence is not null).Select(l => l.Evidence!).ToList();
        return (result, ProcedureBreakdown.ForTree(IndexCatalogs.Get(result.Methodology), tree, result, all));
    }

    private static DateTimeOffset? OldestAsOf(IReadOnlyList<LiveUnitSnapshot> taken) => taken.Count == 0 ? null : taken.Min(s => s.AsOf);
}

/// <summary>A subtree's watch list as of Now; AsOf: the oldest snapshot it was read from; Missing: units of the subtree
/// with no snapshot yet (never synced since the period began).</summary>
public sealed record WatchView(Period Period, string UnitCode, DateTimeOffset Now, DateTimeOffset? AsOf, IReadOnlyDictionary<string, int> Counts, IReadOnlyList<WatchEntry> Rows, IReadOnlyList<string> Missing);

/// <summary>Live figures of a period: the tree scored as is and in the best case.</summary>
public sealed record LiveView(Period Period, IndexCatalog Catalog, IndexResult AsIs, IndexResult BestCase, IReadOnlyList<LiveUnitSnapshot> Snapshots, DateTimeOffset? AsOf)
{
    /// <summary>The dossiers whose on-time finish the unit's forecast counts, soonest due first, with the points each is
    /// worth to the unit's total (the points recoverable shared equally: every dossier weighs the same in the pooled counts).</summary>
    public IReadOnlyList<(WatchDossier Dossier, double PointsEach)> Recoverable(UnitTree tree, string unitCode, int top)
    {
        var subtree = tree.Subtree(unitCode).ToHashSet(StringComparer.Ordinal);
        // A recoverable dossier is open, so always among the watched ones.
        var dossiers = Snapshots.Where(s => subtree.Contains(s.UnitCode))
            .SelectMany(s =>
            {
                var recoverable = s.Recoverable.ToHashSet(StringComparer.Ordinal);
                return s.Watched.Where(w => recoverable.Contains(w.Id));
            })
            .OrderBy(d => d.DueAt).ThenBy(d => d.Id, StringComparer.Ordinal).ToList();
        var gain = PointsRecoverable(unitCode);
        var each = dossiers.Count > 0 && gain is { } g ? Math.Round(g / dossiers.Count, 4) : 0;
        return dossiers.Take(top).Select(d => (d, each)).ToList();
    }

    public int RecoverableCount(UnitTree tree, string unitCode)
    {
        var subtree = tree.Subtree(unitCode).ToHashSet(StringComparer.Ordinal);
        return Snapshots.Where(s => subtree.Contains(s.UnitCode)).Sum(s => s.Recoverable.Count);
    }

    public double? PointsRecoverable(string unitCode)
    {
        var now = AsIs.Units.FirstOrDefault(u => u.Code == unitCode)?.Total;
        var best = BestCase.Units.FirstOrDefault(u => u.Code == unitCode)?.Total;
        return now is { } a && best is { } b ? Math.Round(Math.Max(0, b - a), 2) : null;
    }

    public IReadOnlyList<ProcedureCost> Breakdown(UnitTree tree, string unitCode) =>
        ProcedureBreakdown.ForTree(Catalog, tree, AsIs, Snapshots.Select(s => s.AsIs)).GetValueOrDefault(unitCode) ?? [];
}
