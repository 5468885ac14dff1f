using System.Net;
using System.Net.Sockets;
using Hub.Workflows;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Logging;

namespace Hub.Local.Local;

/// <summary>The real Durable Task engine in process (the Durable Task SDK's in-process sidecar with its in-memory
/// backend), running the hub's orchestrators and activities with the hub's services. Orchestration state lives for
/// the life of the process; published results live in storage.</summary>
public sealed class LocalDurableHost : IAsyncDisposable
{
    private readonly DurableTaskTestHost _host;

    private LocalDurableHost(DurableTaskTestHost host) => _host = host;

    public DurableTaskClient Client => _host.Client;

    public static async Task<LocalDurableHost> StartAsync(IServiceProvider services, ILoggerFactory? loggerFactory = null, CancellationToken ct = default,
        Func<Microsoft.DurableTask.ITaskActivity, Microsoft.DurableTask.ITaskActivity>? decorateActivities = null)
    {
        // The engine's gRPC sidecar logs every call at Information through the default logging configuration.
        if (Environment.GetEnvironmentVariable("Logging__LogLevel__Default") is null)
            Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
        var host = await DurableTaskTestHost.StartAsync(
            registry => WorkflowRegistry.Register(registry, services, decorateActivities),
            new DurableTaskTestHostOptions { Port = FreePort(), LoggerFactory = loggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance },
            ct);
        return new LocalDurableHost(host);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
