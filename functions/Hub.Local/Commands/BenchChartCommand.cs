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
            var rows = File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(Parse).ToList();
            if (rows.Count == 0) { Console.Error.WriteLine($"{path}: no rows."); return 2; }
            var stages = rows.GroupBy(r => r.Stage).Select(g =>
            {
                var points = g.GroupBy(r => r.Dossiers).Select(d => d.Last()).OrderBy(r => r.Dossiers).ToList();
                return (g.Key, points.Select(p => p.Dossiers).ToArray(), points.Select(p => p.Seconds).ToArray());
            }).ToList();
            var sizes = rows.GroupBy(r => r.Dossiers).Select(g => g.Last()).OrderBy(r => r.Dossiers).ToList();
            File.WriteAllBytes(parse.GetValue(png)!, Charts.Scaling(stages, sizes.Select(s => s.Dossiers).ToArray(), sizes.Select(s => s.PeakMiB).ToArray()));
            Console.WriteLine($"wrote {parse.GetValue(png)} ({sizes.Count} sizes, {stages.Count} stages)");
            return 0;
        });
        return command;
    }

    /// <summary>dossiers,units,"stage",wall_s,items,per_s,raw_per_s,ratio,cpu_share,peak_working_set_mib</summary>
    private static (double Dossiers, string Stage, double Seconds, double PeakMiB) Parse(string line)
    {
        var quoted = line.Split('"');
        var before = quoted[0].Split(',');
        var after = quoted[2].Split(',');
        var inv = CultureInfo.InvariantCulture;
        return (double.Parse(before[0], inv), quoted[1], double.Parse(after[1], inv), double.Parse(after[^1], inv));
    }
}
