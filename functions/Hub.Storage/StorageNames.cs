namespace Hub.Storage;

/// <summary>Every table, container and queue the hub uses. Names are what infra/ creates and grants.</summary>
public static class StorageNames
{
    public const string UnitsTable = "Units";
    public const string ProceduresTable = "Procedures";
    public const string DossiersTable = "Dossiers";
    public const string FeedbackTable = "Feedback";
    public const string RatingsTable = "Ratings";
    public const string SharingLogTable = "SharingLog";
    public const string SyncStateTable = "SyncState";
    public const string SyncRunsTable = "SyncRuns";
    public const string QuarantineTable = "Quarantine";
    public const string ScoresTable = "Scores";
    public const string ScoreHistoryTable = "ScoreHistory";
    public const string PublicationsTable = "Publications";
    public const string PortalEvaluationsTable = "PortalEvaluations";
    public const string PortalCapturesTable = "PortalCaptures";
    public const string NationalRankingsTable = "NationalRankings";
    public const string ScoringRunsTable = "ScoringRuns";
    public const string ProvisionalScoresTable = "ProvisionalScores";
    public const string AlertsTable = "Alerts";
    public const string ComparisonsTable = "Comparisons";
    public const string ViewerScopesTable = "ViewerScopes";
    public const string SubscriptionsTable = "Subscriptions";
    public const string DeliveriesTable = "Deliveries";

    public const string RawContainer = "raw";
    public const string RunsContainer = "runs";
    public const string ReportsContainer = "reports";
    /// <summary>Each unit's live snapshot of the running periods (watch lists, live figures): private, read through the
    /// authenticated API only, never published.</summary>
    public const string LiveContainer = "live";

    public const string SyncWorkQueue = "sync-work";
    /// <summary>Where the Functions host moves a sync work item after maxDequeueCount failures (its naming rule).</summary>
    public const string SyncWorkPoisonQueue = SyncWorkQueue + "-poison";
    public const string IndexPublishedQueue = "index-published";
    /// <summary>Alert events, locally (in Azure: the Service Bus topic "hub-alerts").</summary>
    public const string AlertsQueue = "hub-alerts";

    /// <summary>Notifications to send (an alert raised, a daily digest), one message per subscriber: base64 JSON.</summary>
    public const string NotificationsQueue = "notifications";

    public static readonly string[] Tables = [UnitsTable, ProceduresTable, DossiersTable, FeedbackTable, RatingsTable, SharingLogTable, SyncStateTable, SyncRunsTable, QuarantineTable, ScoresTable, ScoreHistoryTable, PublicationsTable, PortalEvaluationsTable, PortalCapturesTable, NationalRankingsTable, ScoringRunsTable, ProvisionalScoresTable, AlertsTable, ComparisonsTable, ViewerScopesTable, SubscriptionsTable, DeliveriesTable];
    public static readonly string[] Containers = [RawContainer, RunsContainer, ReportsContainer, LiveContainer];
    public static readonly string[] Queues = [SyncWorkQueue, SyncWorkPoisonQueue, IndexPublishedQueue, AlertsQueue, NotificationsQueue, NotificationsQueue + "-poison"];
}
