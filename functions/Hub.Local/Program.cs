using System.Runtime.InteropServices;
using Hub.Local.Commands;

var root = new RootCommand("hub — the Service Quality Index Hub (Decision 766/QĐ-TTg) on your machine: demo, serve, recompute, simulate, bench, bench-sync, bench-freshness, bench-stages, bench-chart, openapi.")
{
    DemoCommand.Create(),
    RecomputeCommand.Create(),
    BenchCommand.Create(),
    BenchSyncCommand.Create(),
    BenchFreshnessCommand.Create(),
    ServeCommand.Create(),
    SimulateCommand.Create(),
    BenchStagesCommand.Create(),
    BenchChartCommand.Create(),
    OpenApiCommand.Create(),
};

// SIGTERM and Ctrl+C cancel the command's token: it stops taking work, leaves in-flight queue messages and
// orchestration work to be retried (they are in storage), and returns. Whatever still runs 8 s later is cut short,
// so the process is gone within 10 s of the signal.
using var stopping = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    if (stopping.IsCancellationRequested) return;
    Console.Error.WriteLine($"hub: {context.Signal} received, stopping (in-flight work is left to be retried)");
    stopping.Cancel();
    _ = Task.Delay(TimeSpan.FromSeconds(8)).ContinueWith(_ =>
    {
        Console.Error.WriteLine("hub: did not stop within 8 s; exiting");
        Environment.Exit(context.Signal == PosixSignal.SIGINT ? 130 : 143);
    }, TaskScheduler.Default);
}
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
var parsed = root.Parse(args);
var exit = await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, stopping.Token);
return stopping.IsCancellationRequested && exit == 0 ? 143 : exit;
