using Hub.Domain.Catalog;
using Hub.Domain.Evidence;
using Hub.Domain.Periods;
using Hub.Domain.Steering;
using Hub.Storage.Evidence;
using Hub.Storage.Steering;
using Hub.Workflows.Scoring;
using Hub.Workflows.Sync;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Workflows.Steering;

/// <summary>Keeps each unit's live snapshot of the running periods: after a sync (pulled or pushed) stored a unit's
/// records, the unit's records are read once and counted again, as a scoring run counts them, into every live period.
/// Incremental by unit: a sync of one unit re-reads that unit's partition only, and a full recompute of the period
/// counts exactly the same records the same way (UnitRecordReader, EvidenceAccumulator).</summary>
public sealed class LiveFigureService(
    UnitRecordReader reader,
    LiveSnapshotStore snapshots,
    IOptions<SteeringOptions> options,
    IOptions<ScoringOptions> scoring,
    TimeProvider clock,
    ILogger<LiveFigureService> logger)
{
    /// <summary>The sources whose records a live snapshot counts, synced per unit: the registries' sharing logs too,
    /// since a lookup found there makes a dossier count as "data reused" (4.3).</summary>
    public static readonly IReadOnlySet<string> Sources = new HashSet<string>(StringComparer.Ordinal)
    {
        PortalDossiersSource.SourceName, PortalRatingsSource.SourceName, PortalFeedbackSource.SourceName,
        PopulationSharingSource.SourceName, BusinessSharingSource.SourceName,
    };

    // Units whose refresh failed in this process: taken again at their next sync whatever it stores. Across a restart
    // the snapshot's age (RefreshAfter) bounds how long one stays behind.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _failed = new(StringComparer.Ordinal);

    public IReadOnlyList<Period> LivePeriodsAt(DateTimeOffset instant) =>
        options.Value.LivePeriods.Distinct().Select(kind => Period.Containing(instant, kind)).ToList();

    /// <summary>After a sync run of a unit's scope: refresh when it stored something or when the snapshot is older than
    /// RefreshAfter (or missing). A failed refresh is logged, never fails the sync: the records are stored, and the next
    /// run of the unit takes the snapshot again (it is then missing or old).</summary>
    public async Task AfterSyncAsync(string source, string unitCode, int stored, CancellationToken ct)
    {
        if (!Sources.Contains(source) || unitCode == "*") return;
        try
        {
            if (stored == 0 && !_failed.ContainsKey(unitCode))
            {
                if (await AllFreshAsync(unitCode, ct)) return;
            }
            await RefreshAsync(unitCode, ct);
            _failed.TryRemove(unitCode, out _);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Each period's snapshot is whole on its own (one blob), so a refresh that failed half-way leaves nothing
            // inconsistent; the next run of the unit takes it again.
            _failed.TryAdd(unitCode, 0);
            logger.LogWarning(e, "Live snapshot of {UnitCode} not refreshed after {Source}; the next sync of the unit takes it again", unitCode, source);
        }
    }

    private async Task<bool> AllFreshAsync(string unitCode, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var period in LivePeriodsAt(now))
            if (await snapshots.AsOfAsync(period, unitCode, ct) is not { } asOf || now - asOf > options.Value.RefreshAfter) return false;
        return true;
    }

    /// <summary>Takes the unit's snapshot of every live period from its stored records, as of now.</summary>
    public async Task<IReadOnlyList<LiveUnitSnapshot>> RefreshAsync(string unitCode, CancellationToken ct)
    {
        using var _ = logger.BeginScope(new Dictionary<string, object> { ["UnitCode"] = unitCode });
        var asOf = clock.GetUtcNow();
        var periods = LivePeriodsAt(asOf);
        var watch = options.Value.Watch;
        var builders = periods.Select(p => new LiveUnitBuilder(unitCode, p, IndexCatalogs.Get(scoring.Value.MethodologyFor(p)).Parameters, asOf, watch)).ToList();
        // One read of the unit's records feeds every live period: dossiers received before the latest end.
        var records = await reader.ReadAsync(unitCode, periods.Max(p => p.End), new BuildersSink(builders, periods), ct);
        var result = new List<LiveUnitSnapshot>(builders.Count);
        foreach (var builder in builders)
        {
            var snapshot = builder.Build();
            await snapshots.SaveIfLaterAsync(snapshot, ct);
            result.Add(snapshot);
        }
        Telemetry.HubTelemetry.LiveRefreshes.Add(1);
        logger.LogInformation("Live snapshot of {UnitCode}: {Records} records counted for {Periods}", unitCode, records, string.Join(", ", periods));
        return result;
    }

    private sealed class BuildersSink(List<LiveUnitBuilder> builders, IReadOnlyList<Period> periods) : IUnitRecordSink
    {
        public void Add(Procedure procedure) { foreach (var b in builders) b.Add(procedure); }
        public void Add(FeedbackItem feedback) { foreach (var b in builders) b.Add(feedback); }
        public void Add(Rating rating) { foreach (var b in builders) b.Add(rating); }
        public void Add(DossierSnapshotRow row)
        {
            // As a scoring run of each period reads them: received before that period's end.
            for (var i = 0; i < builders.Count; i++)
                if (row.Dossier.ReceivedAt < periods[i].End) builders[i].Add(row.Dossier, row.Status, row.ProcedureName);
        }
    }
}
