using Microsoft.Extensions.DependencyInjection;

namespace Hub.Workflows.Sync;

/// <summary>One source the hub syncs, as registered: its class, the app setting holding its timer's schedule, whether
/// syncing it refreshes the list of units the other sources are checked against, and how old its newest record may be
/// before health calls the hub degraded (a feed that stopped delivering still "catches up": to nothing new).</summary>
public sealed record SyncSourceRegistration(string Name, Type Type, string ScheduleSetting, bool RefreshesUnits = false, TimeSpan? NewRecordsWithin = null);

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
        // The ministry as a whole receives dossiers, ratings and registry look-ups every working day (a week covers the
        // longest holiday, Tết); petitions are rarer.
        new(PortalDossiersSource.SourceName, typeof(PortalDossiersSource), "SyncDossiersSchedule", NewRecordsWithin: TimeSpan.FromDays(7)),
        new(PortalRatingsSource.SourceName, typeof(PortalRatingsSource), "SyncRatingsSchedule", NewRecordsWithin: TimeSpan.FromDays(7)),
        new(PortalFeedbackSource.SourceName, typeof(PortalFeedbackSource), "SyncFeedbackSchedule", NewRecordsWithin: TimeSpan.FromDays(30)),
        new(PopulationSharingSource.SourceName, typeof(PopulationSharingSource), "SyncPopulationSchedule", NewRecordsWithin: TimeSpan.FromDays(7)),
        new(BusinessSharingSource.SourceName, typeof(BusinessSharingSource), "SyncBusinessSchedule", NewRecordsWithin: TimeSpan.FromDays(7)),
        new(PortalEvaluationSource.SourceName, typeof(PortalEvaluationSource), "SyncPortalEvaluationSchedule"),
        new(PortalNationalSource.SourceName, typeof(PortalNationalSource), "SyncNationalSchedule"),
    ];

    public static IEnumerable<string> Names => All.Select(s => s.Name);

    public static SyncSourceRegistration? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    public static IServiceCollection AddSyncSources(this IServiceCollection services)
    {
        foreach (var source in All) services.AddSingleton(typeof(ISyncSource), source.Type);
        return services;
    }
}
