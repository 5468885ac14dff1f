using System.Diagnostics;
using System.Net.Sockets;

namespace Hub.Integration.Tests;

/// <summary>A real SMTP server for the tests: smtp4dev (the repository's dotnet tool manifest pins it; `dotnet tool
/// restore` installs it), on loopback on free ports, with an in-memory database. Its REST API reads back what it got.</summary>
public sealed class Smtp4devServer : IAsyncDisposable
{
    private readonly Process _process;
    public int SmtpPort { get; }
    public HttpClient Api { get; }

    private Smtp4devServer(Process process, int smtpPort, Uri web)
    {
        _process = process;
        SmtpPort = smtpPort;
        Api = new HttpClient { BaseAddress = web };
    }

    public static async Task<Smtp4devServer> StartAsync()
    {
        var smtp = FreePort();
        var web = FreePort();
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = FunctionAppHost.RepositoryRoot(), RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "tool", "run", "smtp4dev", "--", $"--urls=http://127.0.0.1:{web}", $"--smtpport={smtp}", "--imapport=0", "--pop3port=0", "--db=", "--nousersettings", "--bindaddress=127.0.0.1", "--hostname=localhost" })
            info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new InvalidOperationException("smtp4dev did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new Smtp4devServer(process, smtp, new Uri($"http://127.0.0.1:{web}/"));
        for (var i = 0; i < 240; i++)
        {
            if (process.HasExited) throw new InvalidOperationException($"smtp4dev exited ({process.ExitCode}); run `dotnet tool restore` in the repository.");
            try
            {
                if ((await server.Api.GetAsync("api/messages")).IsSuccessStatusCode && SmtpAnswers(smtp)) return server;
            }
            catch (HttpRequestException) { }
            await Task.Delay(250);
        }
        await server.DisposeAsync();
        throw new TimeoutException("smtp4dev did not answer within 60 s.");
    }

    /// <summary>Every message received: (to, subject, plain text).</summary>
    public async Task<IReadOnlyList<(string To, string Subject, string Text)>> MessagesAsync()
    {
        var list = JsonDocument.Parse(await Api.GetStringAsync("api/messages?pageSize=500")).RootElement.GetProperty("results");
        var result = new List<(string, string, string)>();
        foreach (var m in list.EnumerateArray())
        {
            var id = m.GetProperty("id").GetString();
            var to = string.Join(",", m.GetProperty("to").EnumerateArray().Select(t => t.GetString()));
            var text = await Api.GetStringAsync($"api/messages/{id}/plaintext");
            result.Add((to, m.GetProperty("subject").GetString() ?? "", text));
        }
        return result;
    }

    private static bool SmtpAnswers(int port)
    {
        try { using var c = new TcpClient(); c.Connect("127.0.0.1", port); return true; }
        catch (SocketException) { return false; }
    }

    private static int FreePort()
    {
        var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        var port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        if (!_process.HasExited) { _process.Kill(entireProcessTree: true); await _process.WaitForExitAsync(); }
        _process.Dispose();
    }
}
