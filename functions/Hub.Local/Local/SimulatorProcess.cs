namespace Hub.Local.Local;

/// <summary>Where the simulated government systems answer: a simulator in this process, or `hub simulate` in a child
/// process (its data then does not count in this process's memory).</summary>
public interface ISimulatedSources : IAsyncDisposable
{
    Uri BaseUrl { get; }
    string ApiKey { get; }
}

/// <summary>The simulator in this process (tests, small demos).</summary>
public sealed class InProcessSources(PortalSimulator simulator) : ISimulatedSources
{
    public Uri BaseUrl => simulator.BaseUrl;
    public string ApiKey => simulator.ApiKey;
    public ValueTask DisposeAsync() => simulator.DisposeAsync();

    public static async Task<ISimulatedSources> StartAsync(SyntheticScale scale, string apiKey) =>
        new InProcessSources(await PortalSimulator.StartAsync(PortalDataSet.Generate(scale), apiKey));
}

/// <summary>`hub simulate` as a child process: started with the same executable, stopped with this process (its stdin
/// is ours; closing it, or our exit, ends it).</summary>
public sealed class SimulatorProcess(Process process, Uri baseUrl, string apiKey) : ISimulatedSources
{
    public const string ReadyPrefix = "listening ";
    public const string DefaultApiKey = "local-demo-key";

    public Uri BaseUrl => baseUrl;
    public string ApiKey => apiKey;

    public static async Task<ISimulatedSources> StartAsync(SyntheticScale scale, string apiKey, CancellationToken ct)
    {
        var info = new ProcessStartInfo { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        // `dotnet hub.dll` or the apphost `hub`: start ourselves the same way.
        var self = Environment.ProcessPath!;
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") info.ArgumentList.Add(typeof(SimulatorProcess).Assembly.Location);
        info.FileName = self;
        foreach (var a in new[]
                 {
                     "simulate", "--units", scale.Units.ToString(), "--dossiers", scale.DossiersPerQuarter.ToString(), "--seed", scale.Seed.ToString(),
                     "--period", scale.Period.ToString(), "--malformed", scale.MalformedRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--out-of-order", scale.OutOfOrderRate.ToString(System.Globalization.CultureInfo.InvariantCulture), "--api-key", apiKey,
                 })
            info.ArgumentList.Add(a);
        if (scale.RunningUntil is { } until) { info.ArgumentList.Add("--running-until"); info.ArgumentList.Add(until.ToString("O", System.Globalization.CultureInfo.InvariantCulture)); }
        var child = Process.Start(info) ?? throw new InvalidOperationException("Could not start `hub simulate`.");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromMinutes(5)); // generating a million dossiers takes a while
            while (await child.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
                if (line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
                    return new SimulatorProcess(child, new Uri(line[ReadyPrefix.Length..]), apiKey);
            throw new InvalidOperationException($"`hub simulate` ended (exit {(child.HasExited ? child.ExitCode : -1)}) before it was listening.");
        }
        catch
        {
            if (!child.HasExited) child.Kill(entireProcessTree: true);
            child.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try { process.StandardInput.Close(); } catch (IOException) { }
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { await process.WaitForExitAsync(wait.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); }
        process.Dispose();
    }
}
