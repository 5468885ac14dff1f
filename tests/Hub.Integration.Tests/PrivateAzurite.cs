using System.Net.Sockets;

namespace Hub.Integration.Tests;

/// <summary>An Azurite of one test's (or one collection's) own: on disk, that the test can stop and start again on the
/// same ports (a storage outage in the middle of a run), or in memory.</summary>
public sealed class PrivateAzurite(bool inMemory = false) : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("azurite-").FullName;
    private readonly int _blob = HubProcess.FreePort(), _queue = HubProcess.FreePort(), _table = HubProcess.FreePort();
    private Process? _process;

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"BlobEndpoint=http://127.0.0.1:{_blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{_queue}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{_table}/devstoreaccount1;";

    public async Task StartAsync()
    {
        var info = new ProcessStartInfo(Path.Combine(RepositoryRoot(), "node_modules", ".bin", "azurite"))
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        string[] persistence = inMemory ? ["--inMemoryPersistence"] : ["--location", _dir];
        foreach (var a in persistence.Concat(["--skipApiVersionCheck", "--loose", "--silent", "--disableTelemetry",
                     "--blobHost", "127.0.0.1", "--blobPort", $"{_blob}", "--queueHost", "127.0.0.1", "--queuePort", $"{_queue}",
                     "--tableHost", "127.0.0.1", "--tablePort", $"{_table}"]))
            info.ArgumentList.Add(a);
        _process = Process.Start(info)!;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var until = DateTime.UtcNow.AddSeconds(30);
        foreach (var port in new[] { _blob, _queue, _table })
            while (true)
            {
                try { using var tcp = new TcpClient(); await tcp.ConnectAsync("127.0.0.1", port); break; }
                catch (SocketException) when (DateTime.UtcNow < until) { await Task.Delay(100); }
            }
    }

    /// <summary>Stops it the way a service manager would (SIGTERM), keeping its data on disk.</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited) return;
        Process.Start("kill", $"-TERM {_process.Id}")!.WaitForExit();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { _process.Kill(true); }
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "package.json"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root (package.json) not found above the test assembly.");
    }
}
