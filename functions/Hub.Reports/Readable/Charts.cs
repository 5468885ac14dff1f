using Hub.Domain.Scoring;
using ScottPlot;

namespace Hub.Reports.Readable;

/// <summary>The reports' charts, drawn server-side by ScottPlot as PNG with an embedded Noto Sans (Vietnamese glyphs,
/// the same on every machine): no script, no CDN, and the same scores give the same bytes.</summary>
public static class Charts
{
    private const string Font = "Noto Sans Hub";
    private static readonly Lazy<bool> FontsLoaded = new(LoadFonts);

    public static readonly IReadOnlyDictionary<int, string> BandColours = new Dictionary<int, string>
    {
        [0] = "#2e7d32", [1] = "#1565c0", [2] = "#ef6c00", [3] = "#c62828",
    };

    private const int MaxLabelledBars = 120;

    public static string ColourOfBand(int bandIndex) => BandColours.TryGetValue(bandIndex, out var c) ? c : "#757575";

    /// <summary>Drawn at twice the pixels they are shown at: sharp on a printed page and on a phone's screen.</summary>
    public const int ScaleFactor = 2;

    /// <summary>The width a chart is shown at (its image holds ScaleFactor times the pixels).</summary>
    public const int TotalsWidth = 900;

    /// <summary>Totals of the units, highest first from the top, each bar the colour of its band and named (code and
    /// name: a reader does not know the codes).</summary>
    public static byte[] Totals(IReadOnlyList<(string Label, double Total, int BandIndex)> units)
    {
        var plot = NewPlot("Tổng điểm theo đơn vị (màu theo xếp loại)");
        var n = units.Count;
        var bars = units.Select((u, i) => new Bar { Position = n - 1 - i, Value = u.Total, FillColor = Color.FromHex(ColourOfBand(u.BandIndex)), LineWidth = 0 }).ToList();
        var added = plot.Add.Bars(bars);
        added.Horizontal = true;
        // A label per bar while they can be read; beyond that the bars alone (the ranking table names every unit).
        if (n <= MaxLabelledBars)
        {
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(units.Select((_, i) => (double)(n - 1 - i)).ToArray(),
                units.Select(u => u.Label.Length > 44 ? u.Label[..43] + "…" : u.Label).ToArray());
            plot.Axes.Left.MinimumSize = 300;
        }
        else plot.YLabel($"{n} đơn vị, xếp theo tổng điểm giảm dần");
        plot.Axes.SetLimitsX(0, 100);
        plot.Axes.SetLimitsY(-0.6, n - 0.4);
        plot.XLabel("Điểm (tối đa 100)");
        return Png(plot, TotalsWidth, Math.Clamp(22 * n + 110, 260, 2800));
    }

    /// <summary>Each group as a percentage of its maximum: the ministry against its best and its worst unit.</summary>
    public static byte[] Groups(IReadOnlyList<GroupResult> groupsMeta, IReadOnlyList<(string Label, IReadOnlyList<GroupResult> Groups)> series)
    {
        var plot = NewPlot("Điểm theo nhóm tiêu chí (% điểm tối đa)");
        string[] palette = ["#37474f", "#2e7d32", "#c62828"];
        var width = 0.8 / Math.Max(1, series.Count);
        for (var s = 0; s < series.Count; s++)
        {
            var bars = series[s].Groups.Select((g, i) => new Bar
            {
                Position = i + (s - (series.Count - 1) / 2.0) * width,
                Value = g.Score is { } v && g.Max > 0 ? 100 * v / g.Max : 0,
                Size = width * 0.95,
                FillColor = Color.FromHex(palette[s % palette.Length]),
                LineWidth = 0,
            }).ToList();
            var added = plot.Add.Bars(bars);
            added.LegendText = series[s].Label;
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(groupsMeta.Select((_, i) => (double)i).ToArray(), groupsMeta.Select(g => g.Id).ToArray());
        plot.Axes.SetLimitsY(0, 100);
        plot.YLabel("% điểm tối đa");
        plot.ShowLegend(Alignment.UpperRight);
        return Png(plot, 820, 420);
    }

    /// <summary>Totals over the published periods, one line per unit.</summary>
    public static byte[] Trend(IReadOnlyList<string> periods, IReadOnlyList<(string Label, IReadOnlyList<double?> Totals)> lines, string title)
    {
        var plot = NewPlot(title);
        string[] palette = ["#37474f", "#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#ad1457", "#558b2f"];
        for (var k = 0; k < lines.Count; k++)
        {
            var points = lines[k].Totals.Select((t, i) => (X: (double)i, Y: t)).Where(p => p.Y is not null).ToList();
            if (points.Count == 0) continue;
            var scatter = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y!.Value).ToArray());
            scatter.Color = Color.FromHex(palette[k % palette.Length]);
            scatter.LineWidth = k == 0 ? 3 : 2;
            scatter.MarkerSize = 7;
            scatter.LegendText = lines[k].Label;
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(periods.Select((_, i) => (double)i).ToArray(), periods.ToArray());
        plot.Axes.SetLimitsX(-0.5, Math.Max(0.5, periods.Count - 0.5));
        plot.Axes.SetLimitsY(0, 100);
        plot.YLabel("Tổng điểm");
        if (lines.Count > 1) plot.ShowLegend(Alignment.LowerLeft);
        return Png(plot, 820, 380);
    }

    /// <summary>The scaling curve of the benchmarks (docs/performance): wall time of each stage against the number of
    /// dossiers (left axis), and the peak working set (right axis), which should stay flat.</summary>
    public static byte[] Scaling(IReadOnlyList<(string Stage, double[] Dossiers, double[] Seconds)> stages, double[] dossiers, double[] peakMiB)
    {
        var plot = NewPlot("hub bench-stages: time per stage and peak memory by data size");
        string[] palette = ["#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f"];
        for (var k = 0; k < stages.Count; k++)
        {
            var line = plot.Add.Scatter(stages[k].Dossiers, stages[k].Seconds);
            line.Color = Color.FromHex(palette[k % palette.Length]);
            line.LineWidth = 2;
            line.MarkerSize = 7;
            line.LegendText = stages[k].Stage + " (s)";
        }
        var memory = plot.Add.Scatter(dossiers, peakMiB);
        memory.Color = Color.FromHex("#c62828");
        memory.LinePattern = LinePattern.Dashed;
        memory.LineWidth = 2;
        memory.MarkerSize = 7;
        memory.LegendText = "peak working set (MiB, right axis)";
        memory.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = "peak working set (MiB)";
        plot.Axes.SetLimitsY(0, Math.Max(1, peakMiB.DefaultIfEmpty(0).Max() * 1.3), plot.Axes.Right);
        plot.Axes.SetLimitsY(0, Math.Max(1, stages.SelectMany(s => s.Seconds).DefaultIfEmpty(0).Max() * 1.15), plot.Axes.Left);
        plot.XLabel("dossiers in the period");
        plot.YLabel("wall time (s)");
        plot.ShowLegend(Alignment.UpperLeft);
        return Png(plot, 900, 480);
    }

    private static Plot NewPlot(string title)
    {
        _ = FontsLoaded.Value;
        var plot = new Plot();
        plot.Font.Set(Font);
        plot.Title(title);
        plot.Axes.Title.Label.FontName = Font;
        return plot;
    }

    private static byte[] Png(Plot plot, int width, int height)
    {
        plot.ScaleFactor = ScaleFactor;
        return plot.GetImage(width * ScaleFactor, height * ScaleFactor).GetImageBytes(ImageFormat.Png);
    }

    /// <summary>ScottPlot takes font files by path: the embedded Noto Sans is written once to a private temporary folder.</summary>
    private static bool LoadFonts()
    {
        var folder = Path.Combine(Path.GetTempPath(), "hub-fonts");
        Directory.CreateDirectory(folder);
        foreach (var (resource, bold) in new[] { ("fonts/NotoSans-Regular.ttf", false), ("fonts/NotoSans-Bold.ttf", true) })
        {
            var path = Path.Combine(folder, Path.GetFileName(resource));
            using (var source = typeof(Charts).Assembly.GetManifestResourceStream(resource)!)
            {
                if (!File.Exists(path) || new FileInfo(path).Length != source.Length)
                {
                    var temp = path + "." + Environment.ProcessId;
                    using (var target = File.Create(temp)) source.CopyTo(target);
                    File.Move(temp, path, overwrite: true);
                }
            }
            Fonts.AddFontFile(Font, path, bold, italic: false);
        }
        return true;
    }
}
