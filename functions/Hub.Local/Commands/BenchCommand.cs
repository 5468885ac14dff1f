using System.Text.Json;
using Hub.Domain.Audit;
using Hub.Domain.Catalog;

namespace Hub.Local.Commands;

/// <summary>`hub bench`: recompute of a large synthetic audit file in one streaming pass; prints time and peak memory.
/// Measures, never asserts: the figures go in the closing note, the tests stay fast.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var dossiers = new Option<int>("--dossiers") { Description = "Dossiers in the audit file", DefaultValueFactory = _ => 1_000_000 };
        var units = new Option<int>("--units") { Description = "Units in the audit file", DefaultValueFactory = _ => 1_000 };
        var keep = new Option<FileInfo?>("--file") { Description = "Write the audit file here and keep it (default: a temp file, deleted)" };
        var command = new Command("bench", "Benchmark: generate an audit file and recompute it; prints time and peak memory.") { dossiers, units, keep };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(dossiers);
            var u = parse.GetValue(units);
            var file = parse.GetValue(keep)?.FullName ?? Path.Combine(Path.GetTempPath(), $"hub-bench-{Environment.ProcessId}.json");
            var period = Period.OfQuarter(2026, 3);
            var inv = CultureInfo.InvariantCulture;
            try
            {
                var gen = Stopwatch.StartNew();
                Generate(file, u, n, period);
                gen.Stop();
                var size = new FileInfo(file).Length;
                Console.WriteLine($"generated {n:N0} dossiers over {u:N0} units ({size / 1048576.0:0.0} MiB) in {gen.Elapsed.TotalSeconds.ToString("0.0", inv)} s");

                GC.Collect();
                var before = Process.GetCurrentProcess().PeakWorkingSet64;
                var sw = Stopwatch.StartNew();
                Hub.Domain.Scoring.IndexResult result;
                using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
                    result = Recompute.Run(stream, period, IndexCatalogs.Get(IndexCatalogs.Default));
                sw.Stop();
                var process = Process.GetCurrentProcess();
                process.Refresh();
                Console.WriteLine($"recompute: {sw.Elapsed.TotalSeconds.ToString("0.00", inv)} s, {n / sw.Elapsed.TotalSeconds:N0} dossiers/s, {result.Units.Count:N0} units scored");
                Console.WriteLine($"peak working set: {process.PeakWorkingSet64 / 1048576.0:0} MiB (before recompute: {before / 1048576.0:0} MiB); GC heap now {GC.GetTotalMemory(false) / 1048576.0:0} MiB; gen2 collections {GC.CollectionCount(2)}");
                Console.WriteLine($"cores: {Environment.ProcessorCount}; target on 2 cores: < 20 s and < 1 GB");
                return 0;
            }
            finally
            {
                if (parse.GetValue(keep) is null && File.Exists(file)) File.Delete(file);
            }
        });
        return command;
    }

    /// <summary>Streams a deterministic audit file to disk: units in a 3-level tree, 5 procedures per unit,
    /// dossiers, feedback and ratings spread over the period and the one before.</summary>
    private static void Generate(string path, int unitCount, int dossierCount, Period period)
    {
        var rnd = new Random(766);
        using var stream = File.Create(path);
        using var w = new Utf8JsonWriter(stream);
        w.WriteStartObject();
        w.WriteStartArray("units");
        var codes = new string[unitCount];
        for (var k = 0; k < unitCount; k++)
        {
            codes[k] = $"U{k:D5}";
            w.WriteStartObject();
            w.WriteString("code", codes[k]);
            w.WriteString("name", $"Đơn vị {k}");
            if (k > 0) w.WriteString("parentCode", codes[k <= 20 ? 0 : 1 + (k % 20)]);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("procedures");
        var procedures = unitCount * 5;
        for (var k = 0; k < procedures; k++)
        {
            w.WriteStartObject();
            w.WriteString("code", $"P{k:D6}");
            w.WriteString("unitCode", codes[k % unitCount]);
            w.WriteString("effectiveFrom", period.Start.AddDays(-rnd.Next(30, 900)).ToString("O", CultureInfo.InvariantCulture));
            w.WriteString("decisionEffectiveAt", period.Start.AddDays(-rnd.Next(30, 900)).ToString("O", CultureInfo.InvariantCulture));
            w.WriteString("publishedAt", period.Start.AddDays(-rnd.Next(0, 30)).ToString("O", CultureInfo.InvariantCulture));
            w.WriteBoolean("complete", rnd.Next(10) > 0);
            w.WriteString("onlineLevel", rnd.Next(3) switch { 0 => "none", 1 => "partial", _ => "full" });
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("dossiers");
        var span = (period.End - period.Start.AddDays(-30)).TotalMinutes;
        for (var k = 0; k < dossierCount; k++)
        {
            var received = period.Start.AddDays(-30).AddMinutes(rnd.NextDouble() * span);
            w.WriteStartObject();
            w.WriteString("id", $"D{k:D8}");
            w.WriteString("unitCode", codes[rnd.Next(unitCount)]);
            w.WriteString("procedureCode", $"P{rnd.Next(procedures):D6}");
            w.WriteString("channel", rnd.Next(3) switch { 0 => "direct", 1 => "online", _ => "postal" });
            w.WriteString("receivedAt", received.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
            w.WriteString("dueAt", received.AddDays(rnd.Next(1, 15)).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
            if (rnd.Next(5) > 0) w.WriteString("finishedAt", received.AddHours(rnd.Next(1, 400)).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
            w.WriteString("portalSyncedAt", received.AddHours(rnd.Next(0, 48)).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
            w.WriteBoolean("feeRequired", rnd.Next(2) == 0);
            w.WriteBoolean("paidOnline", rnd.Next(2) == 0);
            w.WriteBoolean("digitized", rnd.Next(2) == 0);
            w.WriteBoolean("electronicResult", rnd.Next(2) == 0);
            w.WriteBoolean("reusedData", rnd.Next(2) == 0);
            w.WriteEndObject();
            if (k % 10_000 == 0) w.Flush();
        }
        w.WriteEndArray();
        w.WriteStartArray("feedback");
        for (var k = 0; k < dossierCount / 10; k++)
        {
            var received = period.Start.AddMinutes(rnd.NextDouble() * span);
            w.WriteStartObject();
            w.WriteString("id", $"F{k:D8}");
            w.WriteString("unitCode", codes[rnd.Next(unitCount)]);
            w.WriteString("receivedAt", received.ToString("O", CultureInfo.InvariantCulture));
            w.WriteString("dueAt", received.AddDays(15).ToString("O", CultureInfo.InvariantCulture));
            if (rnd.Next(4) > 0) w.WriteString("answeredAt", received.AddDays(rnd.Next(0, 25)).ToString("O", CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("ratings");
        for (var k = 0; k < dossierCount / 3; k++)
        {
            w.WriteStartObject();
            w.WriteString("dossierId", $"D{rnd.Next(dossierCount):D8}");
            w.WriteString("unitCode", codes[rnd.Next(unitCount)]);
            w.WriteString("ratedAt", period.Start.AddMinutes(rnd.NextDouble() * span).ToString("O", CultureInfo.InvariantCulture));
            w.WriteString("level", rnd.Next(4) switch { 0 => "verySatisfied", 1 => "satisfied", 2 => "neutral", _ => "dissatisfied" });
            w.WriteEndObject();
            if (k % 10_000 == 0) w.Flush();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
