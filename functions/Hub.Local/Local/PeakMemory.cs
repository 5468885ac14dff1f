namespace Hub.Local.Local;

/// <summary>Peak working set per stage. On Linux the kernel's high-water mark of the process (VmHWM, what
/// Process.PeakWorkingSet64 reads) can be reset by writing 5 to /proc/self/clear_refs; each stage starts a new window,
/// so a stage's peak is its own and not that of the stage before it. The process's overall peak is kept here across
/// the resets. Elsewhere (no such file) a window's peak is the process's peak so far.</summary>
public static class PeakMemory
{
    private static long _overall;

    public static void StartWindow()
    {
        Record(Current());
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* not Linux, or not allowed: peaks are cumulative */ }
    }

    /// <summary>The peak working set since the window started.</summary>
    public static long WindowPeak()
    {
        var peak = Current();
        Record(peak);
        return peak;
    }

    /// <summary>The peak working set of the whole process so far, across windows.</summary>
    public static long Overall => Math.Max(Interlocked.Read(ref _overall), Current());

    private static long Current()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    private static void Record(long peak)
    {
        long seen;
        while (peak > (seen = Interlocked.Read(ref _overall)) && Interlocked.CompareExchange(ref _overall, peak, seen) != seen) { }
    }
}
