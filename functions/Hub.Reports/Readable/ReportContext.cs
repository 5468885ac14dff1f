using Hub.Domain.Portal;
using Hub.Domain.Scoring;
using Hub.Domain.Targets;

namespace Hub.Reports.Readable;

/// <summary>The publication record a report states (who, when, why, which version, which content): taken from the
/// record, never from the clock at render time, so the same publication renders the same bytes.</summary>
public sealed record PublicationInfo(string Period, int Version, DateTimeOffset PublishedAt, string PublishedBy, string Reason, string Methodology, string ContentHash);

/// <summary>A unit's total in an earlier published period.</summary>
public sealed record TrendPoint(string Period, string UnitCode, double? Total);

/// <summary>Everything a readable report shows. Previous: the last version before this one (for "what changed").</summary>
public sealed record ReportContext(
    PublicationInfo Publication,
    IndexResult Result,
    IndexResult? Previous,
    IReadOnlyList<TrendPoint> Trend,
    IReadOnlyList<UnitTargets> Targets,
    Reconciliation? Reconciliation,
    IReadOnlyList<string> SyncGaps)
{
    /// <summary>The latest what-if comparison of the period under another methodology, if one was made.</summary>
    public MethodologyComparison? Comparison { get; init; }

    /// <summary>The latest publication of the period before this one (2026-Q2-BC for 2026-Q3-BC), for "changes since
    /// the previous period"; null when it was never published.</summary>
    public IndexResult? PreviousPeriod { get; init; }

    /// <summary>Each unit's indicators broken down per procedure (its subtree pooled), the procedures costing most
    /// first: procedure codes and names only, never a dossier code (the reports are public).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Hub.Domain.Steering.ProcedureCost>> Breakdown { get; init; } = new Dictionary<string, IReadOnlyList<Hub.Domain.Steering.ProcedureCost>>();

    /// <summary>The portal's latest national ranking of the period (ministries, provinces, Finance Departments), if captured.</summary>
    public NationalRanking? National { get; init; }
}
