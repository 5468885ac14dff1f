using System.Net.Http.Json;

namespace Hub.Integration.Tests;

/// <summary>`hub serve` as an operator runs it: its own process (the built hub.dll), its own storage namespace in the
/// test Azurite, killed with real signals.</summary>
public sealed class HubProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HubProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/api/"), Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Add("x-hub-dev-key", "local-admin-key");
    }

    public int Port { get; }
    public HttpClient Http { get; }
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;

    public string Output { get { lock (_output) return _output.ToString(); } }

    public static HubProcess Start(string storageNamespace, int port, params string[] extra) => Start(storageNamespace, port, null, extra);

    public static HubProcess Start(string storageNamespace, int port, IDictionary<string, string>? env, params string[] extra)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hub.dll"));
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add("--port");
        info.ArgumentList.Add(port.ToString());
        foreach (var a in extra) info.ArgumentList.Add(a);
        info.Environment["StorageNamespace"] = storageNamespace;
        info.Environment["DOTNET_gcServer"] = "0";
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) info.Environment[k] = v;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var hub = new HubProcess(process, port);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (hub._output) hub._output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (hub._output) hub._output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return hub;
    }

    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!Output.Contains(text))
        {
            if (_process.HasExited) throw new InvalidOperationException($"hub exited ({_process.ExitCode}) before printing '{text}':\n{Tail()}");
            if (DateTime.UtcNow > until) throw new TimeoutException($"hub did not print '{text}' within {timeout}:\n{Tail()}");
            await Task.Delay(50);
        }
    }

    public Task WaitUntilServingAsync() => WaitForOutputAsync("hub serve:", TimeSpan.FromSeconds(120));

    public string Tail(int lines = 30) => string.Join('\n', Output.Split('\n').TakeLast(lines));

    public void Kill9() { _process.Kill(entireProcessTree: true); _process.WaitForExit(10_000); }

    public void Signal(string signal) => Process.Start("kill", $"-{signal} {_process.Id}")!.WaitForExit();

    /// <summary>Waits for the process to end; returns how long it took, or null if it did not within the limit.</summary>
    public async Task<TimeSpan?> WaitForExitAsync(TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        using var cts = new CancellationTokenSource(limit);
        try { await _process.WaitForExitAsync(cts.Token); return watch.Elapsed; }
        catch (OperationCanceledException) { return null; }
    }

    public int ExitCode => _process.ExitCode;

    public async Task<JsonElement> StatusAsync(string period)
    {
        using var response = await Http.GetAsync($"scoring/{period}");
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()) : default;
    }

    /// <summary>Polls the run status until the stage satisfies the predicate.</summary>
    public async Task<JsonElement> WaitForStageAsync(string period, Func<string, JsonElement, bool> done, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var status = await StatusAsync(period);
            if (status.ValueKind == JsonValueKind.Object && status.TryGetProperty("progress", out var p) && p.ValueKind == JsonValueKind.Object
                && p.GetProperty("stage").GetString() is { } stage && done(stage, p))
                return status;
            if (DateTime.UtcNow > until) throw new TimeoutException($"no matching stage within {timeout}; last status {status}\n{Tail()}");
            await Task.Delay(100);
        }
    }

    public async Task<JsonElement> PublicationsAsync(string period)
    {
        using var response = await Http.GetAsync($"publications/{period}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("publications");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            Signal("TERM");
            if (await WaitForExitAsync(TimeSpan.FromSeconds(10)) is null) Kill9();
        }
        _process.Dispose();
    }

    public static int FreePort()
    {
        using var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        return ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
    }
}
