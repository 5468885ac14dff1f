using Hub.Storage.Queues;

namespace Hub.Local.Commands;

/// <summary>`hub bench-sync`: dossier sync throughput into Azurite (HubStorage), next to the ceiling on the same
/// machine: a raw Azure SDK loop writing as many entities, in the same partitions, in 100-entity transactions, with
/// the same concurrency.</summary>
public static class BenchSyncCommand
{
    /// <summary>Sync work items run together, as one Function App instance runs them (host.json queues: batchSize 8).</summary>
    public const int WorkItemsAtOnce = 8;

    public static Command Create()
    {
        var dossiers = new Option<int>("--dossiers") { Description = "Synthetic dossiers (each has 2-3 versions in the feed)", DefaultValueFactory = _ => 20_000 };
        var units = new Option<int>("--units") { Description = "Synthetic units", DefaultValueFactory = _ => 50 };
        var command = new Command("bench-sync", "Benchmark: sync throughput (records/s) into Azurite vs a raw SDK batch-insert loop; needs HubStorage.") { dossiers, units };
        command.SetAction((parse, ct) => CommandChecks.RunWithStorageAsync(parse.GetValue(units), parse.GetValue(dossiers), () => RunAsync(parse, ct)));
        return command;

        async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
        {
            var inv = CultureInfo.InvariantCulture;
            var period = Period.OfQuarter(2026, 3);
            // The simulated portal runs as `hub simulate` in its own process: what this process spends is the hub's.
            await using var portal = await SimulatorProcess.StartAsync(new SyntheticScale(1, parse.GetValue(units), parse.GetValue(dossiers), period), "bench-key", ct);
            var ns = "b" + Guid.NewGuid().ToString("N")[..10];
            var settings = SimulatorSettings.For(portal);
            settings["StorageNamespace"] = ns;
            // The page size of the settings (Sources__Portal__PageSize), as deployed.
            settings["Sync:MaxPagesPerRun"] = "100000";
            await using var services = LocalServices.Build(settings);
            var storage = services.GetRequiredService<StorageClients>();
            await storage.EnsureCreatedAsync(ct);
            await LocalSync.RunAsync(services, ct, PortalAgenciesSource.SourceName);

            // The hub, as the Function App runs it: one work item per unit, several at once (host.json lets one
            // instance run batchSize + newBatchThreshold queue messages together): fetch pages from the simulator,
            // archive, validate, map, versioned upsert, cursor.
            var runner = services.GetRequiredService<SyncRunner>();
            var allScopes = await runner.Source(PortalDossiersSource.SourceName).ScopesAsync(ct);
            // Warm-up, not measured: one unit's sync and a few raw rows, so that neither side pays the JIT and
            // the first connections inside its measurement (as in a Function App that has been running).
            await SyncAsync(allScopes.TakeLast(1).ToList());
            await RawLimits.InsertAsync(storage, 200, 2, 2, ct);
            var scopes = allScopes.SkipLast(1).ToList();
            using var progress = new LiveProgress();
            var ((read, stored, stale), hub) = await StageTiming.MeasureAsync("hub sync", "records", () => progress.ShowAsync("hub sync", () => SyncAsync(scopes)), r => r.Read);
            var hubWall = hub.Wall;
            var hubCpu = hub.Cpu;
            var hubRate = hub.PerSecond;
            Console.WriteLine($"hub sync:      {read:N0} records ({stored:N0} stored, {stale:N0} stale) of {parse.GetValue(dossiers):N0} dossiers, {scopes.Count} of {allScopes.Count} units (the last one synced first, to warm up) in {hubWall.TotalSeconds.ToString("0.00", inv)} s = {hubRate:N0} records/s (this process's CPU {hubCpu.TotalSeconds.ToString("0.0", inv)} s; the simulator runs in its own)");

            // The ceiling: as many rows as the hub stored, in the same partitions, written blind (no fetch, no read,
            // no archive) in 100-entity transactions, as many partitions at once as the hub had work items.
            var rawLimit = await progress.ShowAsync("raw SDK batch", () => RawLimits.InsertAsync(storage, stored, scopes.Count, WorkItemsAtOnce, ct), counts: false);
            var rawRows = rawLimit.Items;
            var rawRate = rawLimit.PerSecond;
            Console.WriteLine($"raw SDK batch: {rawRows:N0} rows in {rawLimit.Wall.TotalSeconds.ToString("0.00", inv)} s = {rawRate:N0} rows/s (process CPU {rawLimit.Cpu.TotalSeconds.ToString("0.0", inv)} s)");
            Console.WriteLine($"ratio hub/raw: {(hubRate / rawRate).ToString("0.00", inv)} (records synced per second against rows written per second; same process, same Azurite, {WorkItemsAtOnce} at once)");
            // The same outcome both ways: the hub turns every record of the feed (each dossier in several versions) into
            // the stored rows; the raw loop only writes those rows, blind (at its rate, if it was capped below them).
            var rawSeconds = stored / rawRate;
            Console.WriteLine($"same outcome:  raw {rawSeconds.ToString("0.00", inv)} s to write the {stored:N0} final rows vs hub {hubWall.TotalSeconds.ToString("0.00", inv)} s to sync the {read:N0} records into them: {(rawSeconds / hubWall.TotalSeconds).ToString("0.00", inv)}");
            Console.WriteLine($"peak working set of this process: {StageClock.PeakWorkingSetBytes / (1024 * 1024):N0} MiB");
            foreach (var t in StorageNames.Tables.Append("RawBench")) await storage.Table(t).DeleteAsync(ct);
            foreach (var c in StorageNames.Containers) await storage.Container(c).DeleteIfExistsAsync(cancellationToken: ct);
            foreach (var q in StorageNames.Queues) await storage.Queue(q).DeleteIfExistsAsync(ct);
            return 0;

            async Task<(long Read, long Stored, long Stale)> SyncAsync(IReadOnlyList<string> units)
            {
                long read = 0, stored = 0, stale = 0;
                await Parallel.ForEachAsync(units, new ParallelOptions { MaxDegreeOfParallelism = WorkItemsAtOnce, CancellationToken = ct }, async (scope, token) =>
                {
                    for (var more = true; more;)
                    {
                        var (run, next) = await runner.RunAsync(new SyncWorkItem(PortalDossiersSource.SourceName, scope, DateTimeOffset.UtcNow), token);
                        Interlocked.Add(ref read, run.Read); Interlocked.Add(ref stored, run.Stored); Interlocked.Add(ref stale, run.Stale);
                        more = next;
                    }
                });
                return (read, stored, stale);
            }
        }
    }
}
