using Hub.Domain.Periods;
using Hub.Simulators.Portal;
using Hub.Storage;
using Hub.Storage.Publications;
using Hub.Storage.Scores;
using Hub.Storage.Sync;
using Hub.Workflows.Scoring;
using Hub.Workflows.Sync;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hub.Local.Local;

public sealed record DemoOptions(Period Period, SyntheticScale Scale, string RequestedBy = "hub demo", string Reason = "local demo run")
{
    /// <summary>Where the published report is copied for reading from disk; null: not copied.</summary>
    public string? ReportsFolder { get; init; } = Path.Combine("out", "reports");

    /// <summary>Extra settings over the local defaults (tests isolate themselves with StorageNamespace).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();
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
}

/// <summary>The main job, end to end on local parts: portal simulator on loopback, Azurite, sync through the real
/// storage queue, scoring and publication on the Durable Task Framework with its state in Azurite.</summary>
public static class DemoPipeline
{
    public static async Task<DemoResult> RunAsync(DemoOptions options, ILoggerProvider? extraLogger = null, LogLevel logLevel = LogLevel.Warning, CancellationToken ct = default)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var data = PortalDataSet.Generate(options.Scale);
        const string apiKey = "local-demo-key";
        await using var portal = await PortalSimulator.StartAsync(data, apiKey);
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
            await LocalSync.RunAsync(services, ct);
            // The portal's evaluation of the demo's period (the timer captures only the recent periods).
            await LocalSync.CaptureEvaluationAsync(services, options.Period, ct);
            var runs = new List<SyncRun>();
            var runRepo = services.GetRequiredService<SyncRunRepository>();
            foreach (var source in services.GetRequiredService<SyncRunner>().SourceNames)
                runs.AddRange(await runRepo.LatestAsync(source, 1000, ct));
            var quarantined = 0;
            foreach (var source in services.GetRequiredService<SyncRunner>().SourceNames)
                quarantined += (await services.GetRequiredService<QuarantineRepository>().ListAsync(source, ct)).Count;

            // 3. Score and publish on the Durable Task engine; the alerts are judged again after the run.
            var (_, instanceId) = await starter.StartAsync(durable.Client, options.Period, options.RequestedBy, options.Reason, ct);
            var meta = await durable.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, ct);
            if (meta.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
                throw new InvalidOperationException($"Scoring {instanceId} ended {meta.RuntimeStatus}: {meta.FailureDetails?.ErrorMessage}");
            var outcome = meta.ReadOutputAs<ScoringOutcome>()!;

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
                Provisional = provisional.Scores is { Count: > 0 } ? (running.ToString(), provisional.AsOf, provisional.Scores) : null,
                AlertsAfterProvisional = alertsAfterProvisional,
                Alerts = alerts,
            };
        }
        finally
        {
            await watching.CancelAsync();
            await watch;
        }
    }
}
