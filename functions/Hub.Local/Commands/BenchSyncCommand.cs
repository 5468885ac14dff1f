using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Hub.Domain.Periods;
using Hub.Local.Local;
using Hub.Simulators.Portal;
using Hub.Storage;
using Hub.Storage.Queues;
using Hub.Workflows.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Local.Commands;

/// <summary>`hub bench-sync`: dossier sync throughput into Azurite (HubStorage), next to the ceiling on the same
/// machine: a raw Azure SDK loop inserting the same number of entities in 100-entity transactions.</summary>
public static class BenchSyncCommand
{
    public static Command Create()
    {
        var dossiers = new Option<int>("--dossiers") { Description = "Synthetic dossiers (each has 2-3 versions in the feed)", DefaultValueFactory = _ => 20_000 };
        var units = new Option<int>("--units") { Description = "Synthetic units", DefaultValueFactory = _ => 50 };
        var command = new Command("bench-sync", "Benchmark: sync throughput (records/s) into Azurite vs a raw SDK batch-insert loop; needs HubStorage.") { dossiers, units };
        command.SetAction(async (parse, ct) =>
        {
            var inv = CultureInfo.InvariantCulture;
            var period = Period.OfQuarter(2026, 3);
            var data = PortalDataSet.Generate(new SyntheticScale(1, parse.GetValue(units), parse.GetValue(dossiers), period));
            await using var portal = await PortalSimulator.StartAsync(data, "bench-key");
            var ns = "b" + Guid.NewGuid().ToString("N")[..10];
            var settings = SimulatorSettings.For(portal);
            settings["StorageNamespace"] = ns;
            settings["Sources:Portal:PageSize"] = "1000";
            settings["Sync:MaxPagesPerRun"] = "100000";
            await using var services = LocalServices.Build(settings);
            var storage = services.GetRequiredService<StorageClients>();
            await storage.EnsureCreatedAsync(ct);
            await LocalSync.RunAsync(services, ct, PortalAgenciesSource.SourceName);

            // The hub: fetch pages from the simulator, archive, validate, map, versioned upsert, watermark.
            var runner = services.GetRequiredService<SyncRunner>();
            var sw = Stopwatch.StartNew();
            var (run, _) = await runner.RunAsync(new SyncWorkItem(PortalDossiersSource.SourceName, "*", DateTimeOffset.UtcNow), ct);
            sw.Stop();
            var hubRate = run.Read / sw.Elapsed.TotalSeconds;
            Console.WriteLine($"hub sync:      {run.Read:N0} records ({run.Stored:N0} stored, {run.Stale:N0} stale) in {sw.Elapsed.TotalSeconds.ToString("0.00", inv)} s = {hubRate:N0} records/s");

            // The ceiling: the same number of rows, written blind in 100-entity transactions per partition.
            var table = storage.Table("RawBench");
            await table.CreateIfNotExistsAsync(ct);
            var rows = data.Dossiers.Select((d, i) => new TableEntity(d.UnitCode, $"{d.Id}-{i}")
            {
                ["ProcedureCode"] = "1.000001", ["Channel"] = 2, ["ReceivedAt"] = DateTimeOffset.UtcNow, ["DueAt"] = DateTimeOffset.UtcNow,
                ["FinishedAt"] = DateTimeOffset.UtcNow, ["Status"] = 10, ["ApplicantHash"] = "h1:0123456789abcdef0123456789abcdef", ["Version"] = 1L,
            }).ToList();
            sw.Restart();
            foreach (var partition in rows.GroupBy(r => r.PartitionKey))
                foreach (var chunk in partition.Chunk(100))
                    await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct);
            sw.Stop();
            var rawRate = rows.Count / sw.Elapsed.TotalSeconds;
            Console.WriteLine($"raw SDK batch: {rows.Count:N0} rows in {sw.Elapsed.TotalSeconds.ToString("0.00", inv)} s = {rawRate:N0} rows/s");
            Console.WriteLine($"ratio hub/raw: {(hubRate / rawRate).ToString("0.00", inv)} (same machine, same Azurite; the hub also fetches over HTTP, archives pages and reads versions before writing)");
            foreach (var t in StorageNames.Tables.Append("RawBench")) await storage.Table(t).DeleteAsync(ct);
            foreach (var c in StorageNames.Containers) await storage.Container(c).DeleteIfExistsAsync(cancellationToken: ct);
            foreach (var q in StorageNames.Queues) await storage.Queue(q).DeleteIfExistsAsync(ct);
            return 0;
        });
        return command;
    }
}
