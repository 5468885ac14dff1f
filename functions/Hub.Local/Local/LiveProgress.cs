using System.Diagnostics.Metrics;
using Hub.Workflows.Telemetry;
using Spectre.Console;

namespace Hub.Local.Local;

/// <summary>Live progress of a long command, from the hub's own metrics (records read, records stored, units scored;
/// the same counters the stage table and Azure Monitor get): a Spectre.Console status line on a terminal, a plain line
/// every few seconds when the output is redirected (CI, a log file).</summary>
public sealed class LiveProgress : IDisposable
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(10);
    private readonly MeterListener _listener = new();
    private long _read, _stored, _units;

    public LiveProgress()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == HubTelemetry.Name && instrument.Name is "hub.sync.records.read" or "hub.sync.records.stored" or "hub.scoring.units")
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            switch (instrument.Name)
            {
                case "hub.sync.records.read": Interlocked.Add(ref _read, value); break;
                case "hub.sync.records.stored": Interlocked.Add(ref _stored, value); break;
                default: Interlocked.Add(ref _units, value); break;
            }
        });
        _listener.Start();
    }

    public long RecordsRead => Interlocked.Read(ref _read);
    public long RecordsStored => Interlocked.Read(ref _stored);
    public long UnitsScored => Interlocked.Read(ref _units);

    private string Line(string stage, Stopwatch watch, bool counts) => counts
        ? $"{stage}: {RecordsRead:N0} records read, {RecordsStored:N0} stored, {UnitsScored:N0} units scored ({watch.Elapsed.TotalSeconds:0} s, {WorkingSetMiB():N0} MiB)"
        : $"{stage}: {watch.Elapsed.TotalSeconds:0} s, {WorkingSetMiB():N0} MiB";

    private static long WorkingSetMiB()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / (1024 * 1024);
    }

    /// <summary>Runs one stage of work, showing its progress while it runs.</summary>
    /// <param name="counts">Show the hub's counters (false for work that is not the hub's, such as a raw baseline).</param>
    public async Task<T> ShowAsync<T>(string stage, Func<Task<T>> work, bool counts = true)
    {
        var watch = Stopwatch.StartNew();
        if (!Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await AnsiConsole.Status().Spinner(Spinner.Known.Dots).StartAsync(stage, async context =>
            {
                var task = work();
                while (await Task.WhenAny(task, Task.Delay(250)) != task) context.Status(Markup.Escape(Line(stage, watch, counts)));
                return await task;
            });
        }
        var running = work();
        while (await Task.WhenAny(running, Task.Delay(PlainInterval)) != running) Console.WriteLine(Line(stage, watch, counts));
        var result = await running;
        Console.WriteLine(Line(stage, watch, counts) + " — done");
        return result;
    }

    public void Dispose() => _listener.Dispose();
}
