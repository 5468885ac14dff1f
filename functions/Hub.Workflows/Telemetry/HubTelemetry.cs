using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Hub.Workflows.Telemetry;

/// <summary>The hub's own traces and metrics (OpenTelemetry names "Hub"): a span per sync work item and per scoring
/// step, and the counts an operator watches — records read, stored and quarantined per source, units scored, run
/// durations, publication versions.</summary>
public static class HubTelemetry
{
    public const string Name = "Hub";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> RecordsRead = Meter.CreateCounter<long>("hub.sync.records.read", "{record}", "Records read from a source");
    public static readonly Counter<long> RecordsStored = Meter.CreateCounter<long>("hub.sync.records.stored", "{record}", "Records stored (new or newer versions)");
    public static readonly Counter<long> RecordsQuarantined = Meter.CreateCounter<long>("hub.sync.records.quarantined", "{record}", "Records refused with a reason");
    public static readonly Counter<long> NotificationsSent = Meter.CreateCounter<long>("hub.notifications.sent", "{message}", "Notifications sent (email or webhook), once per delivery key");
    public static readonly Counter<long> LiveRefreshes = Meter.CreateCounter<long>("hub.live.refreshes", "{unit}", "Live snapshots of a unit taken after a sync");
    public static readonly Counter<long> UnitsScored = Meter.CreateCounter<long>("hub.scoring.units", "{unit}", "Units whose evidence was computed");
    public static readonly Histogram<double> RunDuration = Meter.CreateHistogram<double>("hub.run.duration", "s", "Duration of a sync work item or a scoring step");
    public static readonly Counter<long> PublicationVersions = Meter.CreateCounter<long>("hub.publication.versions", "{version}", "Publication versions written");
}
