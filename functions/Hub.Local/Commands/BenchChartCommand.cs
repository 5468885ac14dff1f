using Hub.Reports.Readable;

namespace Hub.Local.Commands;

/// <summary>`hub bench-chart`: the scaling curve of `hub bench-stages --csv` runs drawn as a PNG (time per stage and
/// peak memory against the number of dossiers).</summary>
public static class BenchChartCommand
{
    public static Command Create()
    {
        var csv = new Option<string>("--csv") { Required = true, Description = "CSV written by hub bench-stages --csv" };
        var png = new Option<string>("--png") { Required = true, Description = "Where to write the chart" };
        var command = new Command("bench-chart", "Draw the scaling curve of hub bench-stages --csv runs as a PNG.") { csv, png };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(csv)!;
            if (!File.Exists(path)) { Console.Error.WriteLine($"{path}: no such file."); return 2; }
            var rows = new List<(double Dossiers, string Stage, double Seconds, double PeakMiB)>();
            var number = 1;
            foreach (var line in File.ReadLines(path).Skip(1))
            {
                number++;
                if (line.Length == 0) continue;
                if (TryParse(line) is not { } row) { Console.Error.WriteLine($"{path}, line {number}: not a row written by hub bench-stages --csv."); return 2; }
                rows.Add(row);
            }
            if (rows.Count == 0) { Console.Error.WriteLine($"{path}: no rows."); return 2; }
            var stages = rows.GroupBy(r => r.Stage).Select(g =>
            {
                var points = g.GroupBy(r => r.Dossiers).Select(d => d.Last()).OrderBy(r => r.Dossiers).ToList();
                return (g.Key, points.Select(p => p.Dossiers).ToArray(), points.Select(p => p.Seconds).ToArray());
            }).ToList();
            // Each row's peak is its stage's; a size's peak is the highest of its stages.
            var sizes = rows.GroupBy(r => r.Dossiers).Select(g => (Dossiers: g.Key, PeakMiB: g.Max(r => r.PeakMiB))).OrderBy(r => r.Dossiers).ToList();
            File.WriteAllBytes(parse.GetValue(png)!, Charts.Scaling(stages, sizes.Select(s => s.Dossiers).ToArray(), sizes.Select(s => s.PeakMiB).ToArray()));
            Console.WriteLine($"wrote {parse.GetValue(png)} ({sizes.Count} sizes, {stages.Count} stages)");
            return 0;
        });
        return command;
    }

    /// <summary>dossiers,units,"stage",wall_s,items,per_s,raw_per_s,ratio,cpu_share,peak_working_set_mib</summary>
    private static (double Dossiers, string Stage, double Seconds, double PeakMiB)? TryParse(string line)
    {
        var quoted = line.Split('"');
        if (quoted.Length != 3) return null;
        var before = quoted[0].Split(',');
        var after = quoted[2].Split(',');
        var inv = CultureInfo.InvariantCulture;
        return after.Length >= 3 && double.TryParse(before[0], NumberStyles.Float, inv, out var dossiers)
            && double.TryParse(after[1], NumberStyles.Float, inv, out var seconds) && double.TryParse(after[^1], NumberStyles.Float, inv, out var peak)
            ? (dossiers, quoted[1], seconds, peak)
            : null;
    }
}
