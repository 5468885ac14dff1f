using Hub.Storage.Publications;
using Hub.Storage.Scores;
using Hub.Storage.Sync;
using Hub.Workflows.Scoring;

namespace Hub.Local.Local;

public sealed record DemoOptions(Period Period, SyntheticScale Scale, string RequestedBy = "hub demo", string Reason = "local demo run")
{
    /// <summary>Where the published report is copied for reading from disk; null: not copied.</summary>
    public string? ReportsFolder { get; init; } = Path.Combine("out", "reports");

    /// <summary>Extra settings over the local defaults (tests isolate themselves with StorageNamespace).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Run the simulator as `hub simulate` in a child process, so that this process's memory is the hub's.</summary>
    public bool SimulatorInOwnProcess { get; init; }

    /// <summary>After publishing, re-publish with the data unchanged and measure it (an administrator's re-run).</summary>
    public bool Republish { get; init; }

    /// <summary>Live progress of each stage on the console; null: silent (tests).</summary>
    public LiveProgress? Progress { get; init; }
}

public sealed record DemoResult(
    string Period,
    IReadOnlyList<SyncRun> SyncRuns,
    int Quarantined,
    ScoringOutcome Scoring,
    IReadOnlyList<StoredScore> Scores,
    IReadOnlyList<Publication> Publications,
    Hub.Domain.Portal.Reconciliation? Reconciliation,
    string? ReportFolder,
    TimeSpan Elapsed)
{
    /// <summary>The provisional run of the running month: its period, "as of" time and scores.</summary>
    public (string Period, DateTimeOffset AsOf, IReadOnlyList<StoredScore> Scores)? Provisional { get; init; }

    public IReadOnlyList<Hub.Storage.Alerts.StoredAlert> AlertsAfterProvisional { get; init; } = [];

    public IReadOnlyList<Hub.Storage.Alerts.StoredAlert> Alerts { get; init; } = [];

    /// <summary>Wall and CPU time of each stage, measured in this process.</summary>
    public IReadOnlyList<StageTiming> Stages { get; init; } = [];

    /// <summary>This process's peak working set (without the simulator when it runs in its own process).</summary>
    public long PeakWorkingSetBytes { get; init; }

    /// <summary>The running quarter's live view after the sync: every unit's watch counts and forecast.</summary>
    public (Period Period, DateTimeOffset? AsOf, IReadOnlyList<Hub.Workflows.Steering.LiveUnitLine> Units)? Live { get; init; }

    /// <summary>The portal's national ranking of the period, as captured (calendar periods only).</summary>
    public Hub.Domain.Portal.NationalRanking? National { get; init; }
}

/// <summary>The main job, end to end on local parts: portal simulator on loopback, Azurite, sync through the real
/// storage queue, scoring and publication on the Durable Task Framework with its state in Azurite.</summary>
public static class DemoPipeline
{
    public static async Task<DemoResult> RunAsync(DemoOptions options, ILoggerProvider? extraLogger = null, LogLevel logLevel = LogLevel.Warning, CancellationToken ct = default)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using var portal = options.SimulatorInOwnProcess
            ? await SimulatorProcess.StartAsync(options.Scale, SimulatorProcess.DefaultApiKey, ct)
            : await InProcessSources.StartAsync(options.Scale, SimulatorProcess.DefaultApiKey);
        var settings = SimulatorSettings.For(portal);
        settings["Scoring:SyncRecheckInterval"] = "00:00:02";
        settings["Scoring:SyncWaitLimit"] = "00:00:00";
        settings["Scoring:ActivityFirstRetry"] = "00:00:01";
        foreach (var (k, v) in options.Settings) settings[k] = v;
        await using var services = LocalServices.Build(settings, logLevel, extraLogger);

        var storage = services.GetRequiredService<StorageClients>();
        await storage.EnsureCreatedAsync(ct);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var watch = services.GetRequiredService<StorageWatch>().WatchAsync(watching.Token);
        var clock = new StageClock();
        try
        {
            await using var durable = await LocalDurableHost.StartAsync(services, ct: ct);
            var starter = services.GetRequiredService<ScoringStarter>();

            // 1. The unit list, then a provisional run of the running month before anything else has synced: the
            // provisional index (never published), and alerts for the sources that are behind.
            await LocalSync.RunAsync(services, ct, PortalAgenciesSource.SourceName);
            var running = Period.Containing(DateTimeOffset.UtcNow, PeriodKind.Month);
            await LocalSync.CaptureEvaluationAsync(services, running, ct); // what only the portal counts, for the provisional figures
            var (_, provisionalId) = await starter.StartProvisionalAsync(durable.Client, running, options.RequestedBy, ct);
            var provisionalMeta = await durable.Client.WaitForInstanceCompletionAsync(provisionalId, getInputsAndOutputs: true, ct);
            if (provisionalMeta.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
                throw new InvalidOperationException($"Provisional run {provisionalId} ended {provisionalMeta.RuntimeStatus}: {provisionalMeta.FailureDetails?.ErrorMessage}");
            var provisional = (await services.GetRequiredService<ScoreRepository>().GetProvisionalSeriesAsync(running, ct)).LastOrDefault();
            var alertsAfterProvisional = await services.GetRequiredService<Hub.Storage.Alerts.AlertRepository>().ListAsync(ct);

            // 2. Sync, in dependency order: units first (procedures and dossiers are checked against them).
            var syncStarted = DateTimeOffset.UtcNow;
            var syncTiming = await StageTiming.MeasureAsync("sync (all sources)", "records", () => Show("sync", async () => { await LocalSync.RunAsync(services, ct); return 0L; }));
            var syncEnded = DateTimeOffset.UtcNow;
            // The portal's evaluation of the demo's period (the timer captures only the recent periods).
            if (!options.Period.IsReporting) // the portal publishes calendar periods only
            {
                await LocalSync.CaptureEvaluationAsync(services, options.Period, ct);
                await LocalSync.CaptureNationalAsync(services, options.Period, ct);
            }
            // The running quarter as a unit head sees it between runs: refreshed by the sync just done, not by a run.
            var liveQuarter = Period.Containing(DateTimeOffset.UtcNow, PeriodKind.Quarter);
            var steering = services.GetRequiredService<Hub.Workflows.Steering.SteeringService>();
            (Period, DateTimeOffset?, IReadOnlyList<Hub.Workflows.Steering.LiveUnitLine>)? live = null;
            if (steering.LiveProblem(liveQuarter) is null)
            {
                var (view, lines) = await Hub.Workflows.Steering.LiveSummary.ForTreeAsync(steering, liveQuarter, ct);
                live = (liveQuarter, view.AsOf, lines);
            }
            var runs = new List<SyncRun>();
            var runRepo = services.GetRequiredService<SyncRunRepository>();
            foreach (var source in services.GetRequiredService<SyncRunner>().SourceNames)
                runs.AddRange(await runRepo.LatestAsync(source, 100_000, ct));
            // The stage's records, from the runs read for the summary anyway (not inside the stage's own time).
            clock.Add(syncTiming with { Items = runs.Where(r => r.StartedAt >= syncStarted && r.FinishedAt <= syncEnded).Sum(r => (long)r.Read) });
            var quarantined = 0;
            foreach (var source in services.GetRequiredService<SyncRunner>().SourceNames)
                quarantined += (await services.GetRequiredService<QuarantineRepository>().ListAsync(source, ct)).Count;

            // 3. Score and publish on the Durable Task engine; the alerts are judged again after the run.
            var outcome = await clock.MeasureAsync("scoring + publication", "units", () => Show("scoring", () => ScoreAsync(durable.Client, starter, options.Reason)), o => o.Units);
            if (options.Republish)
            {
                // What an administrator's re-publication costs when nothing changed: the same orchestration again.
                var again = await clock.MeasureAsync("re-publication, data unchanged", "units",
                    () => Show("re-publication", () => ScoreAsync(durable.Client, starter, "re-publication with unchanged data (hub demo --republish)")), o => o.Units);
                if (again.Publication.Status != PublicationStatuses.Unchanged)
                    throw new InvalidOperationException($"Re-publishing unchanged data gave '{again.Publication.Status}', not 'unchanged'.");
            }

            var scores = await services.GetRequiredService<ScoreRepository>().GetPeriodAsync(options.Period, ct);
            var publications = await services.GetRequiredService<PublicationRepository>().ListAsync(options.Period, ct);
            var reconciliation = (await services.GetRequiredService<Hub.Workflows.Reconciliation.ReconciliationService>().CompareAsync(options.Period, null, ct)).Result;
            // The published report, copied out of storage so that it can be opened straight from disk (it is one
            // self-contained folder: pages, charts, workbook).
            string? folder = null;
            if (publications.LastOrDefault() is { } latest && options.ReportsFolder is { } root)
            {
                folder = Path.GetFullPath(Path.Combine(root, latest.Period, $"v{latest.Version}"));
                var repository = services.GetRequiredService<PublicationRepository>();
                foreach (var file in latest.Files)
                {
                    var target = Path.Combine(folder, file);
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    await File.WriteAllBytesAsync(target, await repository.ReadFileAsync($"{latest.Folder}/{file}", ct), ct);
                }
            }
            var alerts = await services.GetRequiredService<Hub.Storage.Alerts.AlertRepository>().ListAsync(ct);
            return new DemoResult(options.Period.ToString(), runs, quarantined, outcome, scores, publications, reconciliation, folder, started.Elapsed)
            {
                Stages = clock.Stages,
                PeakWorkingSetBytes = StageClock.PeakWorkingSetBytes,
                National = await services.GetRequiredService<Hub.Storage.Portal.NationalRankingRepository>().LatestAsync(options.Period, ct),
                Provisional = provisional.Scores is { Count: > 0 } ? (running.ToString(), provisional.AsOf, provisional.Scores) : null,
                AlertsAfterProvisional = alertsAfterProvisional,
                Alerts = alerts,
                Live = live,
            };
        }
        finally
        {
            await watching.CancelAsync();
            await watch;
        }

        Task<T> Show<T>(string stage, Func<Task<T>> work) => options.Progress is { } progress ? progress.ShowAsync(stage, work) : work();

        async Task<ScoringOutcome> ScoreAsync(DurableTaskClient client, ScoringStarter starter, string reason)
        {
            var (_, instanceId) = await starter.StartAsync(client, options.Period, options.RequestedBy, reason, ct);
            var meta = await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, ct);
            if (meta.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
                throw new InvalidOperationException($"Scoring {instanceId} ended {meta.RuntimeStatus}: {meta.FailureDetails?.ErrorMessage}");
            return meta.ReadOutputAs<ScoringOutcome>()!;
        }
    }
}
