namespace Hub.Workflows.Scoring;

/// <summary>Scoring settings (section Scoring). Turned into ScoringSettings when a run starts, so that a run keeps
/// the settings it started with.</summary>
public sealed class ScoringOptions
{
    public const string Section = "Scoring";

    public string Methodology { get; set; } = Hub.Domain.Catalog.IndexCatalogs.Portal;

    /// <summary>The methodology of reporting periods (15th to 14th, Decree 09/2019): the portal publishes calendar periods
    /// only, so what it alone counts is not there for them; the hub's own methodology counts every input from the
    /// synced records.</summary>
    public string ReportingMethodology { get; set; } = Hub.Domain.Catalog.IndexCatalogs.Default;
    public int BatchSize { get; set; } = 50;

    /// <summary>The first period the index is computed for: Decision 766/QĐ-TTg was signed on 23 June 2022, so nothing
    /// before July 2022 is scored or published.</summary>
    public string FirstPeriod { get; set; } = "2022-07";
    public TimeSpan SyncRecheckInterval { get; set; } = TimeSpan.FromMinutes(30);
    public TimeSpan SyncWaitLimit { get; set; } = TimeSpan.FromHours(24);
    public bool RequireApproval { get; set; }
    public TimeSpan ApprovalTimeout { get; set; } = TimeSpan.FromDays(3);
    public int ActivityMaxAttempts { get; set; } = 4;
    public TimeSpan ActivityFirstRetry { get; set; } = TimeSpan.FromSeconds(5);

    public string MethodologyFor(Hub.Domain.Periods.Period period) => period.IsReporting ? ReportingMethodology : Methodology;

    public ScoringSettings ToSettings(Hub.Domain.Periods.Period period) =>
        new(MethodologyFor(period), BatchSize, SyncRecheckInterval, SyncWaitLimit, RequireApproval, ApprovalTimeout, ActivityMaxAttempts, ActivityFirstRetry);
}
