using Hub.Reports;

namespace Hub.Local.Commands;

public static class DemoCommand
{
    public static Command Create()
    {
        var period = new Option<string?>("--period") { Description = "Period to score: a month (2026-08), a quarter (2026-Q3) or a year (2026), or a reporting period (15th to 14th: 2026-08-BC, 2026-Q3-BC, 2026-H1-BC, 2026-BC); default: the last closed quarter, Vietnam time" };
        var units = new Option<int>("--units") { Description = "Number of synthetic units", DefaultValueFactory = _ => 30 };
        var dossiers = new Option<int>("--dossiers") { Description = "Synthetic dossiers per quarter", DefaultValueFactory = _ => 3000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic data (same seed, same data)", DefaultValueFactory = _ => 766 };
        var verbose = new Option<bool>("--verbose") { Description = "Log at Information level" };
        var republish = new Option<bool>("--republish") { Description = "After publishing, re-publish with the data unchanged and time it (an administrator's re-run)" };
        var inline = new Option<bool>("--simulator-inline") { Description = "Run the simulated portal in this process (by default it runs as `hub simulate` in its own process, so the figures printed are the hub's own)" };
        var command = new Command("demo", "Run the main job end to end locally: portal simulator + Azurite (HubStorage) -> sync -> scoring orchestration -> publication, then print a summary.")
        {
            period, units, dossiers, seed, verbose, inline, republish,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (!TryPeriod(parse.GetValue(period), out var p)) return 2;
            var n = parse.GetValue(units);
            var d = parse.GetValue(dossiers);
            if (!CommandChecks.ScaleIsValid(n, d)) return 2;
            // The running quarter as it stands now, too: what the live figures and watch lists show.
            var scale = new SyntheticScale(parse.GetValue(seed), n, d, p, MalformedRate: 0.005) { RunningUntil = DateTimeOffset.UtcNow };
            Console.WriteLine($"hub demo: {p} — {n} units, {d} dossiers, seed {scale.Seed}");
            DemoResult result;
            try
            {
                using var progress = new LiveProgress();
                result = await DemoPipeline.RunAsync(new DemoOptions(p, scale) { SimulatorInOwnProcess = !parse.GetValue(inline), Republish = parse.GetValue(republish), Progress = progress }, logLevel: parse.GetValue(verbose) ? LogLevel.Information : LogLevel.Warning, ct: ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                Console.Error.WriteLine("hub demo: stopped. Nothing partial was published; queue messages and orchestration state in storage are picked up by the next run.");
                return 143;
            }
            catch (Exception e) when (CommandChecks.IsStorageUnreachable(e)) { return CommandChecks.StorageUnreachable(e); }
            Print(result);
            return 0;
        });
        return command;
    }

    internal static bool TryPeriod(string? text, out Period period)
    {
        if (text is null) { period = Period.LastClosedAt(DateTimeOffset.UtcNow); return true; }
        if (Period.TryParse(text, out period, out var error)) return true;
        Console.Error.WriteLine(error);
        return false;
    }

    private static void Print(DemoResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine("Sync");
        foreach (var g in r.SyncRuns.GroupBy(x => x.Source).OrderBy(g => g.Key))
            Console.WriteLine($"  {g.Key,-18} {g.Count(),4} runs  {g.Sum(x => x.Read),7} read  {g.Sum(x => x.Stored),7} stored  {g.Sum(x => x.Stale),6} stale  {g.Sum(x => x.Quarantined),4} quarantined" +
                $"  {(g.Max(x => x.FinishedAt) - g.Min(x => x.StartedAt)).TotalSeconds.ToString("0.0", inv),6} s");
        Console.WriteLine($"  quarantined records (with reason and raw page): {r.Quarantined}");
        var s = r.Scoring;
        Console.WriteLine();
        Console.WriteLine($"Scoring {s.Period} (methodology {s.Methodology}, run {s.RunId})");
        Console.WriteLine($"  units scored: {s.Units}, with a total: {s.UnitsWithTotal}, no data: {s.Units - s.UnitsWithTotal}");
        if (s.SyncGaps.Count > 0) Console.WriteLine($"  sync gaps recorded: {string.Join("; ", s.SyncGaps)}");
        var root = r.Scores.Where(x => x.Unit.ParentCode is null).Select(x => x.Unit).ToList();
        foreach (var u in root) Console.WriteLine($"  {u.Code} {u.Name}: total {CsvReport.Round(u.Total) ?? "n/a"} ({u.Band ?? "no data"})");
        Console.WriteLine("  bands: " + string.Join(", ", r.Scores.GroupBy(x => x.Unit.Band ?? "no data").OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}")));
        Console.WriteLine("  top units:");
        foreach (var u in r.Scores.Select(x => x.Unit).Where(u => u.Total is not null).OrderByDescending(u => u.Total).ThenBy(u => u.Code).Take(5))
            Console.WriteLine($"    {u.Total!.Value.ToString("0.00", inv),6}  {u.Code,-12} {u.Name}");
        Console.WriteLine();
        var p = s.Publication;
        Console.WriteLine($"Publication: {p.Status}{(p.Version is { } v ? $" v{v}" : "")}{(p.Note is null ? "" : $" — {p.Note}")}");
        if (p.Folder is not null)
        {
            Console.WriteLine($"  reports: blob container {p.Folder} (index.html, units/*.html, index.xlsx, index.csv, index.json, plan-targets.json); pointer: reports/{s.Period}/latest.json");
            if (r.ReportFolder is { } folder)
                Console.WriteLine($"  open the report: file://{Path.Combine(folder, "index.html")}  (served by `hub serve` at /api/reports/{s.Period})");
            Console.WriteLine($"  content hash: {p.ContentHash}");
        }
        Console.WriteLine($"  scores: table Scores (partition {s.Period}), history: table ScoreHistory; events: queue index-published");
        if (r.Reconciliation is { } rec)
        {
            Console.WriteLine();
            Console.WriteLine($"Reconciliation with the portal's capture {rec.CaptureId}: {rec.UnitsAgreeing} units agree, {rec.UnitsDiffering} differ (GET /api/reconciliation/{s.Period})");
            foreach (var u in rec.Units.Where(u => !u.Agrees).Take(5)) Console.WriteLine("  " + Hub.Domain.Portal.Reconciler.Describe(u));
        }
        if (r.National is { } national && r.Scores.FirstOrDefault(x => x.Unit.ParentCode is null)?.Unit is { } ministry && national.Standing(ministry.Code) is { } standing)
        {
            Console.WriteLine();
            Console.WriteLine($"In the whole country (the portal's ranking {national.CaptureId}): {ministry.Code} ranks {standing.Rank} of {standing.Of} ministries " +
                $"({CsvReport.Round(standing.Ministry.Total)}; ministries {CsvReport.Round(national.MinistriesOverview.Total)}, provinces {CsvReport.Round(national.ProvincesOverview.Total)}); " +
                $"{national.FinanceDepartments.Count} provincial Finance Departments, average {CsvReport.Round(national.FinanceDepartmentsOverview.Total)}");
        }
        if (r.Provisional is { } prov)
        {
            Console.WriteLine();
            var top = prov.Scores.FirstOrDefault(x => x.Unit.ParentCode is null)?.Unit;
            Console.WriteLine($"Provisional index of {prov.Period} (running; as of {prov.AsOf:yyyy-MM-dd HH:mm} UTC; never published): {top?.Code} total {CsvReport.Round(top?.Total) ?? "n/a"} (GET /api/provisional/{prov.Period})");
        }
        if (r.Live is { } live)
        {
            Console.WriteLine();
            Console.WriteLine($"Live {live.Period} (running; snapshots as of {live.AsOf:yyyy-MM-dd HH:mm} UTC, refreshed by every sync; GET /api/live/{live.Period}?unit=, /api/watchlist/{live.Period}?unit=)");
            var kinds = Hub.Domain.Steering.WatchKinds.All.Select(k => Hub.Domain.Steering.WatchKinds.Name(k)).ToList();
            Console.WriteLine($"  {"unit",-14} {string.Join(" ", kinds.Select(k => $"{k,14}"))} {"total now",10} {"if on time",10} {"recoverable",12}");
            foreach (var u in live.Units)
                Console.WriteLine($"  {u.UnitCode,-14} {string.Join(" ", kinds.Select(k => $"{u.WatchCounts.GetValueOrDefault(k),14}"))} {CsvReport.Round(u.TotalNow) ?? "n/a",10} {CsvReport.Round(u.TotalBestCase) ?? "n/a",10} " +
                    $"{(u.PointsRecoverable is { } pts ? $"{pts.ToString("0.00", inv)} pts / {u.DossiersRecoverable}" : "n/a"),12}");
        }
        Console.WriteLine();
        var raisedEarly = r.AlertsAfterProvisional.Where(a => a.State == "open").ToList();
        Console.WriteLine($"Alerts after the provisional run: {raisedEarly.Count} open — " + string.Join(", ", raisedEarly.GroupBy(a => a.Rule).Select(g => $"{g.Key} {g.Count()}")));
        var closed = r.Alerts.Where(a => a.State == "closed").ToList();
        var open = r.Alerts.Where(a => a.State == "open").ToList();
        Console.WriteLine($"Alerts after the published run: {closed.Count} closed, {open.Count} open (GET /api/alerts; events on queue hub-alerts)");
        foreach (var a in closed.Take(3)) Console.WriteLine($"  closed: {a.Message}");
        foreach (var g in open.GroupBy(a => a.Rule)) Console.WriteLine($"  open {g.Key}: {g.Count()}, e.g. {g.First().Message}");
        Console.WriteLine();
        StageTable.Print(r.Stages, r.PeakWorkingSetBytes);
        Console.WriteLine($"Done in {r.Elapsed.TotalSeconds.ToString("0.0", inv)} s.");
    }
}
