using Microsoft.Extensions.Hosting;

namespace Hub.Simulators.Hosting;

/// <summary>A host lifetime that leaves signals alone. The loopback web apps of `hub` (the simulators, the local API)
/// are started and stopped by the command that owns them; the default console lifetime would swallow SIGTERM and
/// Ctrl+C for itself and leave the process running.</summary>
public sealed class ManualLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
