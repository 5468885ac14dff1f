using Hub.Domain.Evidence;
using Hub.Domain.Catalog;
using Hub.Domain.Periods;
using Hub.Domain.Scoring;
using Hub.Storage.Evidence;
using Hub.Storage.Portal;
using Hub.Storage.Scores;
using Hub.Storage.Sync;
using Hub.Workflows.Sync;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Hub.Workflows.Scoring;

/// <summary>Has every source caught up past the period end? A scope is caught up when a run that started after the
/// period end reached the end of the source's feed. Only the scopes a source still syncs count (a unit's, or the whole
/// feed's): a scope it no longer enqueues would never catch up and would hold every later period at the gate.</summary>
/// A required scope never synced (a period the portal's evaluation was never captured for, a unit new to the catalogue)
/// is asked for now.
public sealed class CheckSyncActivity(SyncStateRepository states, SyncRunner runner, SyncScheduler scheduler) : TaskActivity<Period, SyncCheck>
{
    public override async Task<SyncCheck> RunAsync(TaskActivityContext context, Period p)
    {
        var end = p.End;
        var all = await states.ListAsync(CancellationToken.None);
        var gaps = new List<string>();
        foreach (var name in runner.SourceNames.Order(StringComparer.Ordinal))
        {
            var source = runner.Source(name);
            var scopes = await source.CurrentAsync(all, CancellationToken.None);
            if (await source.ScopesRequiredForAsync(p, CancellationToken.None) is { } required)
            {
                var never = required.Where(r => !scopes.Any(s => s.Scope == r)).ToList();
                foreach (var scope in never) await scheduler.EnqueueScopeAsync(name, scope, CancellationToken.None);
                if (never.Count > 1 && never.Count == required.Count) gaps.Add($"{name}: never synced");
                else if (never.Count == 1) gaps.Add($"{name}/{never[0]}: never synced (requested now)");
                else if (never.Count > 1) gaps.Add($"{name}: {never.Count} of {required.Count} scopes never synced (requested now; e.g. {string.Join(", ", never.Take(3))})");
                var wanted = required.ToHashSet(StringComparer.Ordinal);
                scopes = scopes.Where(s => wanted.Contains(s.Scope)).ToList();
            }
            else if (scopes.Count == 0) { gaps.Add($"{name}: never synced"); continue; }
            // One line per source however many scopes lag: the gaps travel in the orchestration's status and history,
            // which must stay small (a thousand units behind would otherwise be a thousand lines).
            var behind = scopes.Where(s => s.LastSuccessAt is null || s.LastSuccessAt < end).OrderBy(s => s.Scope, StringComparer.Ordinal).ToList();
            if (behind.Count == 1 && scopes.Count == 1 && behind[0].Scope == "*")
                gaps.Add($"{name}: {Caught(behind[0])}, before the period end {end:O}");
            else if (behind.Count > 0)
                gaps.Add($"{name}: {behind.Count} of {scopes.Count} scopes not caught up past the period end {end:O} (e.g. {string.Join(", ", behind.Take(3).Select(b => $"{b.Scope}: {Caught(b)}"))})");
        }
        return new SyncCheck(gaps.Count == 0, gaps);
    }

    private static string Caught(SyncState s) => s.LastSuccessAt is { } at ? $"last caught up {at:O}" : "never caught up";
}

/// <summary>The unit codes to score, from the synced agency catalogue (validated as a tree).</summary>
public sealed class LoadUnitsActivity(UnitRepository units) : TaskActivity<Period, List<string>>
{
    public override async Task<List<string>> RunAsync(TaskActivityContext context, Period period)
    {
        var tree = await units.LoadTreeAsync(CancellationToken.None);
        if (tree.Count == 0) throw new InvalidOperationException("No units are known yet: sync the portal's agency catalogue first.");
        return tree.Units.Select(u => u.Code).ToList();
    }
}

/// <summary>Counts one unit's own records for the period and stores the evidence as a blob; returns its name.</summary>
public sealed class ComputeUnitEvidenceActivity(UnitRecordReader reader, EvidenceStore store, ILogger<ComputeUnitEvidenceActivity> logger)
    : TaskActivity<UnitScoringInput, UnitEvidenceRef>
{
    public override async Task<UnitEvidenceRef> RunAsync(TaskActivityContext context, UnitScoringInput input)
    {
        using var _ = logger.BeginScope(new Dictionary<string, object> { ["Period"] = input.Period.ToString(), ["UnitCode"] = input.UnitCode, ["RunId"] = input.RunId });
        using var activity = Telemetry.HubTelemetry.Source.StartActivity("scoring unit evidence");
        activity?.SetTag("hub.period", input.Period.ToString());
        activity?.SetTag("hub.run", input.RunId);
        activity?.SetTag("hub.unit", input.UnitCode);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var period = input.Period;
        var catalog = IndexCatalogs.Get(input.Methodology);
        var sink = new AccumulatorSink(new EvidenceAccumulator(period, catalog.Parameters));
        sink.Accumulator.Touch(input.UnitCode);
        var records = await reader.ReadAsync(input.UnitCode, period.End, sink, CancellationToken.None);
        var evidence = sink.Accumulator.Result().Single(e => e.UnitCode == input.UnitCode) with { ProcedureNames = sink.Names };
        var blob = await store.SaveEvidenceAsync(input.Period, input.RunId, evidence, CancellationToken.None);
        logger.LogInformation("Unit {UnitCode}: {Records} records counted for {Period}", input.UnitCode, records, input.Period);
        Telemetry.HubTelemetry.UnitsScored.Add(1, new KeyValuePair<string, object?>("period", input.Period.ToString()));
        Telemetry.HubTelemetry.RunDuration.Record(started.Elapsed.TotalSeconds, new KeyValuePair<string, object?>("kind", "unit-evidence"));
        return new UnitEvidenceRef(input.UnitCode, blob, records);
    }

    private sealed class AccumulatorSink(EvidenceAccumulator accumulator) : IUnitRecordSink
    {
        public EvidenceAccumulator Accumulator => accumulator;
        public Dictionary<string, string> Names { get; } = new(StringComparer.Ordinal);
        public void Add(Procedure procedure) => accumulator.Add(procedure);
        public void Add(DossierSnapshotRow dossier)
        {
            if (dossier.ProcedureName is { Length: > 0 } name) Names.TryAdd(dossier.Dossier.ProcedureCode, name);
            accumulator.Add(dossier.Dossier);
        }
        public void Add(FeedbackItem feedback) => accumulator.Add(feedback);
        public void Add(Rating rating) => accumulator.Add(rating);
    }
}

/// <summary>Fan-in: loads every unit's evidence, resolves cross-unit indicators, pools the hierarchy, scores,
/// stores scores (Table) and the full result (Blob).</summary>
public sealed class RollUpActivity(UnitRepository units, EvidenceStore store, ScoreRepository scores, PortalEvaluationRepository portal, TimeProvider clock, ILogger<RollUpActivity> logger)
    : TaskActivity<RollUpInput, RollUpOutcome>
{
    public override async Task<RollUpOutcome> RunAsync(TaskActivityContext context, RollUpInput input)
    {
        using var activity = Telemetry.HubTelemetry.Source.StartActivity("scoring roll-up");
        activity?.SetTag("hub.period", input.Period.ToString());
        activity?.SetTag("hub.run", input.RunId);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var period = input.Period;
        var catalog = IndexCatalogs.Get(input.Methodology);
        var tree = await units.LoadTreeAsync(CancellationToken.None);
        var loaded = await store.LoadEvidenceOfAsync(input.Period, input.RunId, tree.Units.Select(u => u.Code), CancellationToken.None);
        if (loaded.FirstOrDefault(l => l.Evidence is null) is { UnitCode: { } missing, Evidence: null })
            throw new InvalidOperationException($"Evidence of unit '{missing}' is missing for run {input.RunId}; the unit was not scored.");
        var evidence = loaded.Select(l => l.Evidence!).ToList();

        // What only the portal has (catalog measures portal.*) comes from its latest capture of the period: one capture.
        var inputs = PortalInputs.None;
        if (catalog.Indicators.Any(i => i.Parts.Any(p => Measures.IsPortal(p.Measure))))
        {
            if (await portal.LatestAsync(input.Period, CancellationToken.None) is { } capture)
            {
                inputs = capture.ToInputs();
                logger.LogInformation("{Period}: the portal's inputs come from its capture {CaptureId}", input.Period, capture.CaptureId);
            }
            else logger.LogWarning("{Period}: no capture of the portal's evaluation; indicators only the portal counts stay unscored", input.Period);
        }
        var result = IndexScorer.Score(period, catalog, tree, evidence, inputs);
        var blob = await store.SaveResultAsync(input.Period, input.RunId, result, CancellationToken.None);
        if (input.ProvisionalAsOf is { } asOf) await scores.SaveProvisionalAsync(result, input.RunId, asOf, CancellationToken.None);
        else await scores.SaveAsync(result, input.RunId, clock.GetUtcNow(), CancellationToken.None);
        var withTotal = result.Units.Count(u => u.Total is not null);
        logger.LogInformation("Rolled up {Period}: {Units} units, {WithTotal} with a total; sync gaps: {Gaps}", input.Period, result.Units.Count, withTotal, input.SyncGaps.Count);
        Telemetry.HubTelemetry.RunDuration.Record(started.Elapsed.TotalSeconds, new KeyValuePair<string, object?>("kind", "roll-up"));
        return new RollUpOutcome(blob, result.Units.Count, withTotal);
    }
}
