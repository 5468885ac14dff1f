namespace Hub.Local.Local;

/// <summary>The stage table the long commands end with: per stage, wall time, throughput, this process's share of the
/// CPU, and (when measured) the stage's raw limit and the ratio to it; then the process's peak working set.</summary>
public static class StageTable
{
    public static void Print(IReadOnlyList<StageTiming> stages, long peakWorkingSetBytes, IReadOnlyDictionary<string, StageTiming>? rawLimits = null)
    {
        var inv = CultureInfo.InvariantCulture;
        var raw = rawLimits ?? new Dictionary<string, StageTiming>();
        Console.WriteLine($"{"stage",-34} {"wall s",8} {"items",11} {"per s",9} {"CPU",5} {"raw per s",10} {"ratio",6} {"peak MiB",9}");
        foreach (var s in stages)
        {
            var limit = raw.TryGetValue(s.Stage, out var r) && r.PerSecond > 0 ? r : null; // a raw limit that did nothing compares with nothing
            Console.WriteLine(string.Create(inv, $"{s.Stage,-34} {s.Wall.TotalSeconds,8:0.00} {s.Items,11:N0} {s.PerSecond,9:N0} {s.CpuShare,5:0.00} " +
                $"{(limit is null ? "" : limit.PerSecond.ToString("N0", inv)),10} {(limit is null ? "" : (s.PerSecond / limit.PerSecond).ToString("0.00", inv)),6} {s.PeakBytes / (1024.0 * 1024),9:N0}"));
        }
        Console.WriteLine(string.Create(inv, $"peak working set of this process: {peakWorkingSetBytes / (1024.0 * 1024):N0} MiB (CPU: 1.00 = one core busy for the whole stage; peak MiB: this process's peak working set during the stage)"));
    }
}
