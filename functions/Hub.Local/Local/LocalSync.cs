namespace Hub.Local.Local;

/// <summary>One sync of every source through the real storage queue, in dependency order (units first: procedures
/// and dossiers are checked against them), as the timers and the queue trigger would do it.</summary>
public static class LocalSync
{
    /// <summary>The sources in the order of their dependencies (SyncSources).</summary>
    public static readonly string[] Order = SyncSources.Names.ToArray();

    public static async Task RunAsync(IServiceProvider services, CancellationToken ct, params string[] sources)
    {
        var scheduler = services.GetRequiredService<SyncScheduler>();
        var drainer = services.GetRequiredService<LocalQueueDrainer>();
        foreach (var source in sources.Length > 0 ? sources : Order)
        {
            await scheduler.EnqueueAsync(source, ct);
            await drainer.DrainAsync(ct);
        }
    }

    /// <summary>A capture of the portal's evaluation of one period: the timer captures only the recent periods, a
    /// demo or a test may score another.</summary>
    public static async Task CaptureEvaluationAsync(IServiceProvider services, Hub.Domain.Periods.Period period, CancellationToken ct)
    {
        await services.GetRequiredService<SyncScheduler>().EnqueueScopeAsync(PortalEvaluationSource.SourceName, period.ToString(), ct);
        await services.GetRequiredService<LocalQueueDrainer>().DrainAsync(ct);
    }
}
