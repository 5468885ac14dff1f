namespace Hub.Local.Local;

/// <summary>One sync of every source through the real storage queue, as the timers and the queue trigger would do it:
/// the sources that refresh the unit list first (procedures and dossiers are checked against the units), then every
/// other source at once — on Azure their timers fire independently, and one source's slowest unit need not hold up
/// the next source.</summary>
public static class LocalSync
{
    /// <summary>The sources in the order of their dependencies (SyncSources).</summary>
    public static readonly string[] Order = SyncSources.Names.ToArray();

    public static async Task RunAsync(IServiceProvider services, CancellationToken ct, params string[] sources)
    {
        var scheduler = services.GetRequiredService<SyncScheduler>();
        var drainer = services.GetRequiredService<LocalQueueDrainer>();
        if (sources.Length > 0)
        {
            // Asked for by name: in the order given, one after the other.
            foreach (var source in sources)
            {
                await scheduler.EnqueueAsync(source, ct);
                await drainer.DrainAsync(ct);
            }
            return;
        }
        foreach (var units in SyncSources.All.Where(s => s.RefreshesUnits))
        {
            await scheduler.EnqueueAsync(units.Name, ct);
            await drainer.DrainAsync(ct);
        }
        foreach (var other in SyncSources.All.Where(s => !s.RefreshesUnits))
            await scheduler.EnqueueAsync(other.Name, ct);
        await drainer.DrainAsync(ct);
    }

    /// <summary>A capture of the portal's evaluation of one period: the timer captures only the recent periods, a
    /// demo or a test may score another.</summary>
    public static Task CaptureEvaluationAsync(IServiceProvider services, Hub.Domain.Periods.Period period, CancellationToken ct) =>
        CaptureAsync(services, PortalEvaluationSource.SourceName, period, ct);

    /// <summary>A capture of the portal's national ranking of one period (ministries, provinces, Finance Departments).</summary>
    public static Task CaptureNationalAsync(IServiceProvider services, Hub.Domain.Periods.Period period, CancellationToken ct) =>
        CaptureAsync(services, PortalNationalSource.SourceName, period, ct);

    private static async Task CaptureAsync(IServiceProvider services, string source, Hub.Domain.Periods.Period period, CancellationToken ct)
    {
        await services.GetRequiredService<SyncScheduler>().EnqueueScopeAsync(source, period.ToString(), ct);
        await services.GetRequiredService<LocalQueueDrainer>().DrainAsync(ct);
    }
}
