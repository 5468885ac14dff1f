using Hub.Domain.Periods;

namespace Hub.Workflows.Scoring;

// Inputs and outputs of the scoring and publication orchestrations. Small by design: they live in the
// orchestration history, so they carry periods, codes and blob names, never datasets.

/// <summary>Start (or re-run) the scoring of a period. Settings are passed in because an orchestrator must not read configuration.</summary>
public sealed record ScoringRequest(
    Period Period,
    string RequestedBy,
    string Reason,
    ScoringSettings Settings)
{
    /// <summary>A provisional run: the running period scored with the data so far, stored apart with its "as of" time,
    /// never published.</summary>
    public bool Provisional { get; init; }
}

public sealed record ScoringSettings(
    string Methodology,
    int BatchSize,
    TimeSpan SyncRecheckInterval,
    TimeSpan SyncWaitLimit,
    bool RequireApproval,
    TimeSpan ApprovalTimeout,
    int ActivityMaxAttempts,
    TimeSpan ActivityFirstRetry);

public sealed record ScoringOutcome(
    Period Period,
    string RunId,
    string Methodology,
    int Units,
    int UnitsWithTotal,
    string ResultBlob,
    IReadOnlyList<string> SyncGaps,
    PublicationOutcome Publication);

/// <summary>Custom status of a running scoring orchestration: the stage and progress an administrator sees.</summary>
public sealed record ScoringProgress(string Stage, int UnitsDone, int UnitsTotal, IReadOnlyList<string> SyncGaps, string? RunId);

public sealed record SyncCheck(bool Complete, IReadOnlyList<string> Gaps);

public sealed record UnitScoringInput(Period Period, string RunId, string UnitCode, string Methodology);

public sealed record UnitEvidenceRef(string UnitCode, string Blob, long Records);

public sealed record RollUpInput(Period Period, string RunId, string Methodology, IReadOnlyList<string> SyncGaps)
{
    /// <summary>Set for a provisional run: the scores go to ProvisionalScores under this time, not to Scores.</summary>
    public DateTimeOffset? ProvisionalAsOf { get; init; }
}

/// <summary>After every run, provisional or published (or failed): which alerts to evaluate.</summary>
public sealed record AlertCheck(Period Period, string RunId, bool Provisional, string? ResultBlob, string? Failure);

public sealed record RollUpOutcome(string ResultBlob, int Units, int UnitsWithTotal);

public sealed record PublicationRequest(Period Period, string RunId, string ResultBlob, string RequestedBy, string Reason, bool RequireApproval, TimeSpan ApprovalTimeout)
{
    /// <summary>Sources that had not caught up past the period end when the wait ended: the publication says so.</summary>
    public IReadOnlyList<string> SyncGaps { get; init; } = [];
}

/// <summary>What became of a publication (PublicationOutcome.Status, and the end of a run's stage).</summary>
public static class PublicationStatuses
{
    /// <summary>A new version.</summary>
    public const string Published = "published";

    /// <summary>Same content hash as the latest version (SameAsVersion): no new version.</summary>
    public const string Unchanged = "unchanged";

    /// <summary>The approval gate said no.</summary>
    public const string Rejected = "rejected";

    /// <summary>Nobody answered the approval gate in time.</summary>
    public const string Expired = "expired";
}

/// <summary>What a publication came to; Status is one of PublicationStatuses.</summary>
public sealed record PublicationOutcome(string Status, int? Version, string? Folder, string? ContentHash, int? SameAsVersion, string? Note);

/// <summary>An administrator's answer to a pending publication (external event "PublicationApproval").</summary>
public sealed record ApprovalDecision(bool Approved, string By, string? Comment);

public static class ScoringNames
{
    public const string ApprovalEvent = "PublicationApproval";

    /// <summary>Deterministic instance id: one scoring orchestration per period (a singleton).</summary>
    public static string InstanceId(Period period) => $"score-{period}";

    /// <summary>One provisional run per period and Vietnam day: provisional-2026-11-20261126.</summary>
    public static string ProvisionalInstanceId(Period period, DateOnly day) => $"provisional-{period}-{day:yyyyMMdd}";

    /// <summary>The publication sub-orchestration (the approval gate) of one run.</summary>
    public static string GateInstanceId(string scoringInstanceId, string runId) => $"{scoringInstanceId}-publish-{runId}";
}

/// <summary>The stages a scoring run reports in its custom status, in order.</summary>
public static class RunStages
{
    public const string CheckingSync = "checking-sync";
    public const string WaitingForSync = "waiting-for-sync";
    public const string ScoringUnits = "scoring-units";
    public const string RollingUp = "rolling-up";
    public const string AwaitingApproval = "awaiting-approval";
    public const string Publishing = "publishing";
    public const string Provisional = "done:provisional";

    public static string Done(string publicationStatus) => $"done:{publicationStatus}";
}
