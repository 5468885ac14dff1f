using Hub.Storage.Publications;
using Hub.Storage.Sync;
using Hub.Workflows.Publishing;
using Hub.Workflows.Scoring;

namespace Hub.Local.Commands;

/// <summary>`hub bench-stages`: every stage of a period's run, each measured against its own raw limit in this
/// process on the same Azurite — sync (vs a blind batch-insert loop writing as many rows), evidence load (vs a raw
/// query loop reading the same dossier rows), scoring compute (the roll-up: CPU, no storage limit to compare with),
/// publication (vs raw uploads of the same bytes) — with this process's CPU share and peak working set. The simulated
/// sources run in their own process. `--csv` appends the rows for the scaling curve (scripts/bench-scaling.sh).</summary>
public static class BenchStagesCommand
{
    private const int AtOnce = 8; // host.json: batchSize 8 sync items, maxConcurrentActivityFunctions 8

    public static Command Create()
    {
        var dossiers = new Option<int>("--dossiers") { DefaultValueFactory = _ => 100_000, Description = "Synthetic dossiers in the period" };
        var units = new Option<int>("--units") { DefaultValueFactory = _ => 100, Description = "Synthetic units" };
        var csv = new Option<string?>("--csv") { Description = "Append the stage rows to this CSV file (created with a header)" };
        var command = new Command("bench-stages", "Benchmark: each stage of a run (sync, evidence load, scoring compute, publication) against its raw limit; needs HubStorage.")
        {
            dossiers, units, csv,
        };
        command.SetAction((parse, ct) => CommandChecks.RunWithStorageAsync(parse.GetValue(units), parse.GetValue(dossiers), () => RunAsync(parse, ct)));
        return command;

        async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
        {
            var period = Period.OfQuarter(2026, 3);
            var scale = new SyntheticScale(766, parse.GetValue(units), parse.GetValue(dossiers), period, MalformedRate: 0.005);
            Console.WriteLine($"hub bench-stages: {scale.DossiersPerQuarter:N0} dossiers, {scale.Units} units, {period}");
            await using var portal = await SimulatorProcess.StartAsync(scale, "bench-key", ct);
            var settings = SimulatorSettings.For(portal);
            var ns = "s" + Guid.NewGuid().ToString("N")[..10];
            settings["StorageNamespace"] = ns;
            await using var services = LocalServices.Build(settings);
            var storage = services.GetRequiredService<StorageClients>();
            await storage.EnsureCreatedAsync(ct);
            using var progress = new LiveProgress();
            var clock = new StageClock();
            var raw = new Dictionary<string, StageTiming>();
            var context = new BenchActivityContext();
            try
            {
                // 1. Sync: every source, through the real queue, as `hub demo` does.
                const string sync = "sync (all sources)";
                var started = DateTimeOffset.UtcNow;
                await clock.MeasureAsync(sync, "records", () => progress.ShowAsync(sync, async () =>
                {
                    await LocalSync.RunAsync(services, ct);
                    await LocalSync.CaptureEvaluationAsync(services, period, ct);
                    return progress.RecordsRead;
                }));
                long stored = 0;
                foreach (var source in SyncSources.Names)
                    stored += (await services.GetRequiredService<SyncRunRepository>().LatestAsync(source, 100_000, ct)).Where(r => r.StartedAt >= started).Sum(r => (long)r.Stored);
                raw[sync] = await RawLimits.InsertAsync(storage, stored, scale.Units, AtOnce, ct);

                // 2. Evidence load: every unit's records counted (the fan-out's activity, AtOnce at a time).
                const string evidence = "evidence load (fan-out)";
                var unitCodes = await ActivatorUtilities.CreateInstance<LoadUnitsActivity>(services).RunAsync(context, period);
                var methodology = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ScoringOptions>>().Value.Methodology;
                const string runId = "bench";
                long records = 0;
                await clock.MeasureAsync(evidence, "records", () => progress.ShowAsync(evidence, async () =>
                {
                    await Parallel.ForEachAsync(unitCodes, new ParallelOptions { MaxDegreeOfParallelism = AtOnce, CancellationToken = ct }, async (unit, _) =>
                    {
                        var activity = ActivatorUtilities.CreateInstance<ComputeUnitEvidenceActivity>(services);
                        var result = await activity.RunAsync(context, new UnitScoringInput(period, runId, unit, methodology));
                        Interlocked.Add(ref records, result.Records);
                    });
                    return records;
                }));
                raw[evidence] = await RawQueryAsync(storage, unitCodes, period, ct);

                // 3. Scoring compute: the roll-up (evidence in, scores out).
                const string compute = "scoring compute (roll-up)";
                var rolledUp = await clock.MeasureAsync(compute, "units", () => progress.ShowAsync(compute,
                    () => ActivatorUtilities.CreateInstance<RollUpActivity>(services).RunAsync(context, new RollUpInput(period, runId, methodology, []))), o => o.Units);

                // 4. Publication: reports rendered and written.
                const string publication = "publication (render + write)";
                await clock.MeasureAsync(publication, "units", () => progress.ShowAsync(publication,
                    () => ActivatorUtilities.CreateInstance<PublishActivity>(services).RunAsync(context,
                        new PublicationRequest(period, runId, rolledUp.ResultBlob, "hub bench-stages", "benchmark", false, TimeSpan.Zero))), _ => rolledUp.Units);
                raw[publication] = await RawUploadAsync(storage, services.GetRequiredService<PublicationRepository>(), period, rolledUp.Units, ct);

                Console.WriteLine();
                var peak = StageClock.PeakWorkingSetBytes;
                StageTable.Print(clock.Stages, peak, raw);
                Console.WriteLine($"raw limits: sync = blind 100-row transactions of as many rows as the hub stored (at most {RawLimits.MaxRawRows:N0}), 8 partitions at once; evidence = a query " +
                    "loop reading the same dossier rows, 8 units at once; publication = the same files' bytes uploaded as blobs, 8 at once (per s: units' worth).");
                if (parse.GetValue(csv) is { } file) AppendCsv(file, scale, clock.Stages, raw);
                return 0;
            }
            finally
            {
                foreach (var t in StorageNames.Tables.Append("RawBench")) await storage.Table(t).DeleteAsync(CancellationToken.None);
                foreach (var c in StorageNames.Containers.Append("rawbench")) await storage.Container(c).DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
                foreach (var q in StorageNames.Queues) await storage.Queue(q).DeleteIfExistsAsync(CancellationToken.None);
            }
        }
    }

    private static Task<StageTiming> RawQueryAsync(StorageClients storage, IReadOnlyList<string> units, Period period, CancellationToken ct) =>
        StageTiming.MeasureAsync("raw query", "rows", async () =>
        {
            long rows = 0;
            var table = storage.Table(StorageNames.DossiersTable);
            await Parallel.ForEachAsync(units, new ParallelOptions { MaxDegreeOfParallelism = AtOnce, CancellationToken = ct }, async (unit, token) =>
            {
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(unit)} and ReceivedAt lt {period.End.UtcDateTime}");
                long n = 0;
                await foreach (var _ in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: token)) n++;
                Interlocked.Add(ref rows, n);
            });
            return rows;
        });

    /// <summary>The publication's files uploaded again, raw; items are units (as for the hub's row), so the two rates compare.</summary>
    private static async Task<StageTiming> RawUploadAsync(StorageClients storage, PublicationRepository publications, Period period, int units, CancellationToken ct)
    {
        var latest = (await publications.ListAsync(period, ct)).Last();
        var files = new List<(string Name, byte[] Bytes)>();
        foreach (var f in latest.Files) files.Add((f, await publications.ReadFileAsync($"{latest.Folder}/{f}", ct)));
        var container = storage.Container("rawbench");
        await container.CreateIfNotExistsAsync(cancellationToken: ct);
        return await StageTiming.MeasureAsync("raw upload", "units", async () =>
        {
            await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = AtOnce, CancellationToken = ct }, async (f, token) =>
                await container.GetBlobClient(f.Name).UploadAsync(new BinaryData(f.Bytes), overwrite: true, token));
            return units;
        });
    }

    private static void AppendCsv(string file, SyntheticScale scale, IReadOnlyList<StageTiming> stages, IReadOnlyDictionary<string, StageTiming> raw)
    {
        var inv = CultureInfo.InvariantCulture;
        var header = !File.Exists(file);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        using var writer = File.AppendText(file);
        // peak_working_set_mib: this process's peak during the stage (PeakMemory).
        if (header) writer.WriteLine("dossiers,units,stage,wall_s,items,per_s,raw_per_s,ratio,cpu_share,peak_working_set_mib");
        foreach (var s in stages)
        {
            var r = raw.GetValueOrDefault(s.Stage);
            writer.WriteLine(string.Create(inv, $"{scale.DossiersPerQuarter},{scale.Units},\"{s.Stage}\",{s.Wall.TotalSeconds:0.00},{s.Items},{s.PerSecond:0}," +
                $"{(r is null ? "" : r.PerSecond.ToString("0", inv))},{(r is null ? "" : (s.PerSecond / r.PerSecond).ToString("0.00", inv))},{s.CpuShare:0.00},{s.PeakBytes / (1024 * 1024)}"));
        }
    }

    /// <summary>The activity context when a benchmark calls an activity directly, outside an orchestration.</summary>
    private sealed class BenchActivityContext : TaskActivityContext
    {
        public override TaskName Name => "bench";
        public override string InstanceId => "bench-stages";
    }
}
