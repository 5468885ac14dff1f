namespace Hub.Local.Local;

/// <summary>One stage of a run, as measured: wall time, this process's CPU time over it, what it went through, and this
/// process's peak working set during it.</summary>
public sealed record StageTiming(string Stage, TimeSpan Wall, TimeSpan Cpu, long Items, string ItemName, long PeakBytes)
{
    /// <summary>CPU time over wall time: 1.0 is one core busy the whole stage (2.0 both cores of this machine).</summary>
    public double CpuShare => Wall.TotalSeconds > 0 ? Cpu.TotalSeconds / Wall.TotalSeconds : 0;

    public double PerSecond => Wall.TotalSeconds > 0 ? Items / Wall.TotalSeconds : 0;

    /// <summary>Runs one stage and measures it: wall time, this process's CPU time over it, and the items it reports.</summary>
    public static async Task<(T Result, StageTiming Timing)> MeasureAsync<T>(string stage, string itemName, Func<Task<T>> run, Func<T, long> items)
    {
        PeakMemory.StartWindow();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var result = await run();
        wall.Stop();
        return (result, new StageTiming(stage, wall.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, items(result), itemName, PeakMemory.WindowPeak()));
    }

    public static async Task<StageTiming> MeasureAsync(string stage, string itemName, Func<Task<long>> run) =>
        (await MeasureAsync(stage, itemName, run, n => n)).Timing;
}

/// <summary>Measures the stages of a run in this process (wall and CPU time), for the stage tables `hub demo` and the
/// benchmarks print.</summary>
public sealed class StageClock
{
    private readonly List<StageTiming> _stages = [];

    public IReadOnlyList<StageTiming> Stages => _stages;

    public async Task<T> MeasureAsync<T>(string stage, string itemName, Func<Task<T>> run, Func<T, long> items)
    {
        var (result, timing) = await StageTiming.MeasureAsync(stage, itemName, run, items);
        _stages.Add(timing);
        return result;
    }

    public Task MeasureAsync(string stage, string itemName, Func<Task<long>> run) => MeasureAsync(stage, itemName, run, n => n);

    /// <summary>A stage measured elsewhere (its items known only once it is over).</summary>
    public void Add(StageTiming timing) => _stages.Add(timing);

    /// <summary>The peak working set of this process so far (what the operating system had to give it).</summary>
    public static long PeakWorkingSetBytes => PeakMemory.Overall;
}
