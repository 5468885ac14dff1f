using Microsoft.Extensions.DependencyInjection;

namespace Hub.Workflows.Sync;

/// <summary>One source the hub syncs, as registered: its class, the app setting holding its timer's schedule, and
/// whether syncing it refreshes the list of units the other sources are checked against.</summary>
public sealed record SyncSourceRegistration(string Name, Type Type, string ScheduleSetting, bool RefreshesUnits = false);

/// <summary>Every sync source, declared once. Adding a source is its class, one row here and its timer (the Functions
/// host needs the [TimerTrigger] at build time; a test checks each row has one reading ScheduleSetting). DI, the
/// local sync order, the unit-list refresh and the settings checks all derive from this table. The order is the order
/// of dependencies: agencies first (procedures and dossiers are checked against the units they list).</summary>
public static class SyncSources
{
    public static readonly IReadOnlyList<SyncSourceRegistration> All =
    [
        new(PortalAgenciesSource.SourceName, typeof(PortalAgenciesSource), "SyncAgenciesSchedule", RefreshesUnits: true),
        new(PortalProceduresSource.SourceName, typeof(PortalProceduresSource), "SyncProceduresSchedule"),
        new(PortalDossiersSource.SourceName, typeof(PortalDossiersSource), "SyncDossiersSchedule"),
        new(PortalRatingsSource.SourceName, typeof(PortalRatingsSource), "SyncRatingsSchedule"),
        new(PortalFeedbackSource.SourceName, typeof(PortalFeedbackSource), "SyncFeedbackSchedule"),
        new(PopulationSharingSource.SourceName, typeof(PopulationSharingSource), "SyncPopulationSchedule"),
        new(BusinessSharingSource.SourceName, typeof(BusinessSharingSource), "SyncBusinessSchedule"),
        new(PortalEvaluationSource.SourceName, typeof(PortalEvaluationSource), "SyncPortalEvaluationSchedule"),
    ];

    public static IEnumerable<string> Names => All.Select(s => s.Name);

    public static SyncSourceRegistration? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    public static IServiceCollection AddSyncSources(this IServiceCollection services)
    {
        foreach (var source in All) services.AddSingleton(typeof(ISyncSource), source.Type);
        return services;
    }
}
