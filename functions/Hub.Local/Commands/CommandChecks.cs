namespace Hub.Local.Commands;

/// <summary>What every command that builds synthetic data or needs storage checks the same way: the scale it accepts
/// (refused in one line, exit 2) and storage that does not answer (one line naming the fix, exit 1).</summary>
internal static class CommandChecks
{
    public const int MaxUnits = 5000;
    public const int MaxDossiers = 2_000_000;

    public static bool ScaleIsValid(int units, int dossiers)
    {
        if (units is < 1 or > MaxUnits) { Console.Error.WriteLine($"--units must be between 1 and {MaxUnits}."); return false; }
        if (dossiers is < 0 or > MaxDossiers) { Console.Error.WriteLine($"--dossiers must be between 0 and {MaxDossiers}."); return false; }
        return true;
    }

    /// <summary>A benchmark's whole action: the scale checked first (exit 2), then the run, with storage that does
    /// not answer told in one line (exit 1).</summary>
    public static async Task<int> RunWithStorageAsync(int units, int dossiers, Func<Task<int>> run)
    {
        if (!ScaleIsValid(units, dossiers)) return 2;
        try { return await run(); }
        catch (Exception e) when (IsStorageUnreachable(e)) { return StorageUnreachable(e); }
    }

    public static bool IsStorageUnreachable(Exception e) =>
        e is Azure.RequestFailedException or AggregateException or HttpRequestException && e.Message.Contains("refused", StringComparison.OrdinalIgnoreCase);

    public static int StorageUnreachable(Exception e)
    {
        Console.Error.WriteLine($"Storage is not reachable ({e.Message.Split('\n')[0].Trim()}). Start Azurite (scripts/azurite-up.sh) and set HubStorage, or use scripts/demo.sh.");
        return 1;
    }
}
