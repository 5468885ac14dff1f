using System.Diagnostics;
using System.Net.Http.Json;
using Hub.Domain.Steering;
using Hub.Domain.Units;
using Hub.Workflows.Steering;

namespace Hub.Local.Commands;

/// <summary>`hub bench-freshness`: how long from a dossier's change at the (simulated) source to its effect in the
/// unit's watch list and live figures, at a realistic size, by the two ways a change reaches the hub: pushed by the
/// one-stop system (POST /api/ingest/dossiers) and pulled by the dossier sync on its deployed schedule. Next to it,
/// the raw floor on the same Azurite from the same process: one blob written, then read back.</summary>
public static class BenchFreshnessCommand
{
    private const string Sender = "bench-one-stop";

    public static Command Create()
    {
        var dossiers = new Option<int>("--dossiers") { Description = "Synthetic dossiers per quarter (the source also holds a tenth of the quarter before, and the running quarter so far)", DefaultValueFactory = _ => 60_000 };
        var units = new Option<int>("--units") { Description = "Synthetic units", DefaultValueFactory = _ => 30 };
        var changes = new Option<int>("--changes") { Description = "Dossier changes measured per way (push, pull)", DefaultValueFactory = _ => 60 };
        var interval = new Option<TimeSpan>("--interval") { Description = "The dossier sync's schedule, as deployed (SyncDossiersSchedule '0 */2 * * * *': every 2 minutes)", DefaultValueFactory = _ => TimeSpan.FromMinutes(2) };
        var only = new Option<string?>("--only") { Description = "push or pull: measure one way only" };
        var command = new Command("bench-freshness", "Benchmark: from a dossier's change at the source to its effect in the watch list and live figures (p50, p99), pushed and pulled on the deployed schedule; needs HubStorage.")
        {
            dossiers, units, changes, interval, only,
        };
        command.SetAction((parse, ct) =>
        {
            var n = parse.GetValue(changes);
            var every = parse.GetValue(interval);
            var way = parse.GetValue(only);
            if (n < 1 || n > 10_000) { Console.Error.WriteLine("--changes must be from 1 to 10000."); return Task.FromResult(2); }
            if (every < TimeSpan.FromSeconds(5) || every > TimeSpan.FromHours(1)) { Console.Error.WriteLine("--interval must be from 00:00:05 to 01:00:00."); return Task.FromResult(2); }
            if (way is not (null or "push" or "pull")) { Console.Error.WriteLine("--only must be push or pull."); return Task.FromResult(2); }
            return CommandChecks.RunWithStorageAsync(parse.GetValue(units), parse.GetValue(dossiers), () => RunAsync(parse.GetValue(units), parse.GetValue(dossiers), n, every, way, ct));
        });
        return command;
    }

    private static async Task<int> RunAsync(int unitCount, int perQuarter, int changeCount, TimeSpan interval, string? only, CancellationToken ct)
    {
        var inv = CultureInfo.InvariantCulture;
        var now = DateTimeOffset.UtcNow;
        var live = Period.Containing(now, PeriodKind.Quarter);
        var data = PortalDataSet.Generate(new SyntheticScale(1, unitCount, perQuarter, Period.LastClosedAt(now, PeriodKind.Quarter)) { RunningUntil = now });
        // In this process: the benchmark changes the source's records while the hub runs (the simulator's append path).
        await using var portal = await PortalSimulator.StartAsync(data, "bench-key");
        var settings = SimulatorSettings.For(portal);
        var ns = "f" + Guid.NewGuid().ToString("N")[..10];
        var senderKey = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        settings["StorageNamespace"] = ns;
        settings["Sync:MaxPagesPerRun"] = "100000";
        settings[$"Ingestion:Senders:{Sender}:Key"] = senderKey;
        // Errors only: the 404s of snapshots not yet taken are expected, and a log line per request is not a measurement.
        await using var services = LocalServices.Build(settings, LogLevel.Error);
        var storage = services.GetRequiredService<StorageClients>();
        await storage.EnsureCreatedAsync(ct);
        try
        {
            var latest = DossierChanges.Latest(portal.Dossiers);
            Console.WriteLine($"hub bench-freshness: {unitCount} units, {latest.Count:N0} dossiers ({portal.Dossiers.Count:N0} versions) at the source; running quarter {live}; Azurite; storage namespace {ns}");

            var initial = Stopwatch.StartNew();
            await LocalSync.RunAsync(services, ct);
            Console.WriteLine($"initial sync of every source (and the live snapshots of {live}): {initial.Elapsed.TotalSeconds.ToString("0.0", inv)} s");

            var steering = services.GetRequiredService<SteeringService>();
            var tree = await steering.TreeAsync(ct);
            // The dossiers that can change: open, received in the running quarter, of a known unit; in a fixed order.
            var random = new Random(766);
            var open = latest.Values.Where(r => tree.Contains(r.UnitCode) && DossierChanges.IsOpen(r) && r.Record["NgayTiepNhan"]!.GetValue<string>().CompareTo(PortalTimeOf(live.Start)) >= 0)
                .OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
            random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(open));
            if (open.Count < changeCount * 2) { Console.Error.WriteLine($"Only {open.Count} open dossiers in {live} to change; ask for fewer --changes or more --dossiers."); return 2; }
            var stamps = new SourceClock();

            var raw = await RawFloorAsync(storage, changeCount, ct);
            Print("raw floor (one blob written, then read back; same Azurite, this process)", raw.Select(x => x.Seen).ToList());

            if (only is null or "push")
            {
                await using var durable = await LocalDurableHost.StartAsync(services, ct: ct);
                await using var api = await LocalApiServer.StartAsync(services, durable.Client);
                using var http = new HttpClient { BaseAddress = api.BaseUrl };
                var window = TimeSpan.FromSeconds(Math.Max(10, changeCount / 2.0));
                var pushed = await MeasureAsync(open.Take(changeCount).ToList(), window, portal, stamps, steering, tree, live, async change =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "api/ingest/dossiers") { Content = JsonContent.Create(new[] { DossierChanges.Json(change) }) };
                    request.Headers.Add("x-hub-sender", Sender);
                    request.Headers.Add("x-hub-sender-key", senderKey);
                    using var answer = await http.SendAsync(request, ct);
                    if (!answer.IsSuccessStatusCode) throw new InvalidOperationException($"Push refused: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync(ct)}");
                }, null, ct);
                Console.WriteLine();
                Print($"push: POST /api/ingest/dossiers, one dossier per batch, {changeCount} changes over {window.TotalSeconds:0} s; change -> in the watch list", pushed.Select(x => x.Seen).ToList());
                Print("push: change -> acknowledged (stored, snapshot refreshed)", pushed.Select(x => x.Acknowledged).ToList());
                Console.WriteLine($"ratio push p50 / raw floor p50: {(Percentile(pushed.Select(x => x.Seen).ToList(), 50) / Percentile(raw.Select(x => x.Seen).ToList(), 50)).ToString("0.0", inv)}");
            }

            if (only is null or "pull")
            {
                // The deployed timer, played on the wall clock as cron does (every `interval` from the hour), and the
                // queue trigger (the drainer) taking the work items it enqueued.
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var ticks = new List<DateTimeOffset>();
                var timer = Task.Run(async () =>
                {
                    var scheduler = services.GetRequiredService<SyncScheduler>();
                    var drainer = services.GetRequiredService<LocalQueueDrainer>();
                    while (!stop.IsCancellationRequested)
                    {
                        var at = DateTimeOffset.UtcNow;
                        var next = new DateTimeOffset((at.UtcTicks / interval.Ticks + 1) * interval.Ticks, TimeSpan.Zero);
                        try { await Task.Delay(next - at, stop.Token); } catch (OperationCanceledException) { break; }
                        lock (ticks) ticks.Add(DateTimeOffset.UtcNow);
                        await scheduler.EnqueueAsync(PortalDossiersSource.SourceName, stop.Token);
                        await drainer.DrainAsync(stop.Token);
                    }
                }, CancellationToken.None);
                var window = interval * 2;
                var pulled = await MeasureAsync(open.Skip(changeCount).Take(changeCount).ToList(), window, portal, stamps, steering, tree, live, null, interval * 3, ct);
                await stop.CancelAsync();
                try { await timer; } catch (OperationCanceledException) { }
                var waited = pulled.Select(x => NextTick(ticks, x.ChangedAt) is { } tick ? tick - x.ChangedAt : x.Seen).ToList();
                var processing = pulled.Select((x, i) => x.Seen - waited[i]).ToList();
                Console.WriteLine();
                Print($"pull: dossier sync every {interval.TotalMinutes:0.##} min{(interval == TimeSpan.FromMinutes(2) ? " (as deployed)" : " (the deployed schedule is every 2 min)")}, {changeCount} changes over {window.TotalMinutes:0.#} min; change -> in the watch list", pulled.Select(x => x.Seen).ToList());
                Print("pull: of which waiting for the timer", waited);
                Print("pull: of which the sync run and the snapshot refresh", processing);
            }
            Console.WriteLine($"peak working set of this process (simulator included): {StageClock.PeakWorkingSetBytes / (1024 * 1024):N0} MiB");
            return 0;
        }
        finally
        {
            foreach (var t in StorageNames.Tables) await storage.Table(t).DeleteAsync(CancellationToken.None);
            foreach (var c in StorageNames.Containers) await storage.Container(c).DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
            foreach (var q in StorageNames.Queues) await storage.Queue(q).DeleteIfExistsAsync(CancellationToken.None);
        }
    }

    private sealed record Sample(DateTimeOffset ChangedAt, TimeSpan Seen, TimeSpan Acknowledged);

    /// <summary>Changes each dossier once, at a random instant of the window (returned for supplement, at the source;
    /// pushed too when <paramref name="push"/> is given), and times each until it is in its unit's watch list.</summary>
    private static async Task<List<Sample>> MeasureAsync(List<FeedRecord> dossiers, TimeSpan window, PortalSimulator portal, SourceClock stamps,
        SteeringService steering, UnitTree tree, Period period, Func<FeedRecord, Task>? push, TimeSpan? patience, CancellationToken ct)
    {
        var random = new Random(dossiers.Count);
        var offsets = dossiers.Select(_ => window * random.NextDouble()).Order().ToList();
        var pending = new System.Collections.Concurrent.ConcurrentDictionary<string, (string Unit, DateTimeOffset At, TimeSpan Ack)>(StringComparer.Ordinal);
        var samples = new System.Collections.Concurrent.ConcurrentBag<Sample>();
        var started = Stopwatch.StartNew();
        var changing = Task.Run(async () =>
        {
            var inFlight = new List<Task>();
            for (var i = 0; i < dossiers.Count; i++)
            {
                var wait = offsets[i] - started.Elapsed;
                if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
                var at = DateTimeOffset.UtcNow;
                var change = DossierChanges.NextVersion(dossiers[i], DossierChanges.ReturnedForSupplement, stamps.Next(at));
                portal.AppendDossierVersions([change]);
                (string Unit, DateTimeOffset At, TimeSpan Ack) record = (change.UnitCode, at, TimeSpan.Zero);
                if (push is null) { pending[change.Id] = record; continue; }
                inFlight.Add(Task.Run(async () =>
                {
                    await push(change);
                    pending[change.Id] = record with { Ack = DateTimeOffset.UtcNow - at };
                }, ct));
            }
            await Task.WhenAll(inFlight);
        }, ct);

        // Watching as a unit head's screen would, a few times a second: the unit's returned list.
        var deadline = window + (patience ?? TimeSpan.FromMinutes(2));
        while (!changing.IsCompleted || !pending.IsEmpty)
        {
            if (started.Elapsed > deadline) throw new TimeoutException($"{pending.Count} changes not in the watch list after {deadline}.");
            foreach (var unit in pending.Values.Select(p => p.Unit).Distinct().ToList())
            {
                var view = await steering.WatchListAsync(period, unit, tree, WatchKind.ReturnedForSupplement, null, ct);
                var seenAt = DateTimeOffset.UtcNow;
                foreach (var row in view.Rows)
                    if (pending.TryRemove(row.Dossier.Id, out var p)) samples.Add(new Sample(p.At, seenAt - p.At, p.Ack));
            }
            if (changing.IsFaulted) await changing;
            await Task.Delay(100, ct);
        }
        await changing;
        return samples.OrderBy(s => s.ChangedAt).ToList();
    }

    /// <summary>The floor: the same Azurite, the same process, one small blob per change written then read back.</summary>
    private static async Task<List<Sample>> RawFloorAsync(StorageClients storage, int count, CancellationToken ct)
    {
        var container = storage.Container(StorageNames.Containers.First());
        var samples = new List<Sample>();
        var body = BinaryData.FromBytes(new byte[2048]);
        for (var i = 0; i < count; i++)
        {
            var at = DateTimeOffset.UtcNow;
            var blob = container.GetBlobClient($"raw-freshness/{i}.json");
            await blob.UploadAsync(body, overwrite: true, ct);
            await blob.DownloadContentAsync(ct);
            samples.Add(new Sample(at, DateTimeOffset.UtcNow - at, TimeSpan.Zero));
        }
        return samples;
    }

    private static DateTimeOffset? NextTick(List<DateTimeOffset> ticks, DateTimeOffset after)
    {
        lock (ticks) return ticks.Where(t => t >= after).Order().Cast<DateTimeOffset?>().FirstOrDefault();
    }

    private static void Print(string what, IReadOnlyList<TimeSpan> values)
    {
        var inv = CultureInfo.InvariantCulture;
        string S(double seconds) => seconds < 10 ? seconds.ToString("0.000", inv) + " s" : seconds.ToString("0.0", inv) + " s";
        Console.WriteLine($"{what}:");
        Console.WriteLine($"  n {values.Count}  p50 {S(Percentile(values, 50))}  p90 {S(Percentile(values, 90))}  p99 {S(Percentile(values, 99))}  max {S(values.Max().TotalSeconds)}");
    }

    /// <summary>Nearest-rank percentile, in seconds.</summary>
    private static double Percentile(IReadOnlyList<TimeSpan> values, double p)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)].TotalSeconds;
    }

    private static string PortalTimeOf(DateTimeOffset instant) => Hub.Sources.Common.PortalTime.Write(instant);

    /// <summary>The source's NgayCapNhat stamps: to the second, as the portal writes them, and strictly increasing, so
    /// that no change pages before one the hub has already read past.</summary>
    private sealed class SourceClock
    {
        private DateTimeOffset _last = DateTimeOffset.MinValue;

        public DateTimeOffset Next(DateTimeOffset now)
        {
            lock (this)
            {
                var second = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
                _last = second > _last ? second : _last.AddSeconds(1);
                return _last;
            }
        }
    }
}
