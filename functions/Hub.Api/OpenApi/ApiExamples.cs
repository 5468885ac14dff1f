using Hub.Api.Handlers;
using Hub.Domain.Portal;
using Hub.Domain.Scoring;
using Hub.Domain.Steering;
using Hub.Storage.Access;
using Hub.Storage.Alerts;
using Hub.Storage.Notifications;
using Hub.Storage.Publications;
using Hub.Storage.Scores;
using Hub.Storage.Sync;
using Hub.Workflows.Scoring;
using Hub.Workflows.Sync;

namespace Hub.Api.OpenApi;

/// <summary>One example of every answer the API gives, built from the answer types themselves (so an example cannot
/// drift from what the handlers serialise: it would not compile) and put in the generated document; Spectral checks
/// each against its schema. The figures are those of a small quarter of the simulator; codes, never personal data.</summary>
public static class ApiExamples
{
    private const string Period = "2026-Q3";
    private const string Run = "r-20261001T011500Z";
    private static readonly DateTimeOffset At = new(2026, 10, 1, 1, 15, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 11, 18, 9, 30, 0, TimeSpan.FromHours(7));

    private static readonly GroupResult[] Groups =
    [
        new("1", "Công khai, minh bạch", 16.5, 18), new("2", "Tiến độ, kết quả giải quyết", 17.25, 20),
        new("3", "Cung cấp dịch vụ công trực tuyến", 19.8, 22), new("4", "Số hóa hồ sơ", 18.1, 22), new("5", "Mức độ hài lòng", 16.2, 18),
    ];

    private static readonly UnitResult Unit = new("G12.02", "Thuế TP Hà Nội", "G12", 87.85, "Tốt", 2, Groups,
    [
        new("1.3", "1", "Hồ sơ đồng bộ kịp thời lên Cổng DVCQG", 1183, 1200, 7.89, 8, ["G12.02-2026-000117", "G12.02-2026-000342"], Source: "hub"),
        new("2.1", "2", "Hồ sơ giải quyết đúng hạn", 1140, 1200, 9.5, 10, ["G12.02-2026-000208"], Source: "hub"),
    ]);

    private static readonly ProcedureCost Procedure = new(1, "1.004227", "Đăng ký thuế lần đầu", 0.42,
        [new("2.1", "dossiers.onTime", 310, 330, 0.31), new("1.3", "dossiers.syncedInTime", 322, 330, 0.11)]);

    private static readonly IReadOnlyDictionary<string, int> WatchCounts =
        new Dictionary<string, int> { ["overdue"] = 3, ["due-soon"] = 12, ["finished-late"] = 5, ["accepted-late"] = 1, ["returned"] = 2 };

    private static readonly Publication Version1 = new(Period, 1, At, "admin@mof.gov.vn", "scoring requested by an administrator", "766-2022",
        "sha256:9f2c41d07b5e", Run, ["index.html", "index.json", "index.csv", "index.xlsx", "units/G12.02.html"]);

    private static readonly MethodologyComparison Comparison = new(Period, "766-2022", "766-portal",
    [
        new("G12.02", "Thuế TP Hà Nội", 87.85, 86.1, -1.75, "Tốt", "Tốt", 2, 3,
            [new("dossiers.syncedInTime", "1.3", "1.3", 7.89, 8, 5.9, 6, -0.0175)]),
    ]);

    private static readonly Dictionary<Type, object> ByType = new()
    {
        [typeof(RunStarted)] = new RunStarted($"score-{Period}", Period, $"/api/scoring/{Period}"),
        [typeof(RunStatus)] = new RunStatus($"score-{Period}", "Completed", At, At.AddMinutes(3),
            new ScoringProgress("done: published v1", 30, 30, [], Run),
            new ScoringOutcome(Hub.Domain.Periods.Period.Parse(Period), Run, "766-2022", 30, 30, $"results/{Period}/{Run}.json", [],
                new PublicationOutcome("published", 1, $"{Period}/v1", "sha256:9f2c41d07b5e", null, null)),
            null),
        [typeof(DecisionTaken)] = new DecisionTaken(Period, "approved", "admin@mof.gov.vn", $"/api/scoring/{Period}"),
        [typeof(PublicationHistory)] = new PublicationHistory(Period, [Version1],
            [new UnchangedRepublication(Period, "r-20261002T080000Z", At.AddDays(1), "admin@mof.gov.vn", "re-check after the portal's correction", 1, "sha256:9f2c41d07b5e")]),
        [typeof(PeriodScores)] = new PeriodScores(Period, "766-2022", Run,
            [new UnitScoreLine(Unit.Code, Unit.Name, Unit.ParentCode, Unit.Total, Unit.Band, Unit.Rank, Unit.Groups)]),
        [typeof(StoredScore)] = new StoredScore(Period, "766-2022", Run, At, Unit),
        [typeof(Reconciliation)] = new Reconciliation(Period, "766-2022", "cap-20261003", At.AddDays(2), 30, 29, 1,
        [
            new UnitReconciliation("G12.02", "Thuế TP Hà Nội", false, true, 87.85, 87.6, 0.25,
                [new GroupComparison("1", 16.5, 16.25, 0.25, true, Reconciler.SeeTheIndicators)],
                [new IndicatorComparison("1.3", "1", "hub", 1183, 1200, 7.89, 1175, 1200, 7.83, 0.06, true, "2 hồ sơ đồng bộ muộn theo Cổng", ["G12.02-2026-000117"])]),
        ]),
        [typeof(AlertList)] = new AlertList(1,
        [
            new StoredAlert("band-drop|G12.02|published:2026-Q3", "band-drop", "G12.02", "published:2026-Q3", StoredAlert.Open, "G12.02: xếp loại giảm từ Tốt xuống Khá (80.40 → 79.40)",
                new Dictionary<string, string> { ["previousBand"] = "Tốt", ["band"] = "Khá", ["previousTotal"] = "80.40", ["total"] = "79.40" }, At, At, null, Run),
        ]),
        [typeof(ProvisionalIndex)] = new ProvisionalIndex(true, "Provisional figures of a period still running, computed with the data so far: not a publication.",
            "2026-Q4", Now, "766-2022", [new UnitScoreLine(Unit.Code, Unit.Name, Unit.ParentCode, 84.2, "Tốt", 3, Unit.Groups)],
            [new ProvisionalPoint(Now, new Dictionary<string, double?> { ["G12.02"] = 84.2 })]),
        [typeof(StoredComparison)] = new StoredComparison(Period, $"comparisons/{Period}/766-portal.json", Comparison),
        [typeof(MethodologyComparison)] = Comparison,
        [typeof(LiveAnswer)] = new LiveAnswer("2026-Q4", "766-2022", true,
            "Live figures of a running period from the records synced so far, refreshed after every sync of a unit: not a publication.",
            Now.AddMinutes(-2), Now, [], Figures.Of(Unit with { Total = 84.2, Rank = null }),
            new ForecastAnswer(84.2, 86.9, 2.7, 15, [new RecoverableDossier("G12.02-2026-004410", "G12.02.01", "1.004227", "Đăng ký thuế lần đầu", Now.AddDays(2), 0.18)]),
            WatchCounts, [Procedure]),
        [typeof(WatchListAnswer)] = new WatchListAnswer("2026-Q4", "G12.02", Now, Now.AddMinutes(-2), [], WatchCounts, 3, 1, 50,
        [
            new WatchRow("overdue", "G12.02-2026-004391", "G12.02.01", "1.004227", "Đăng ký thuế lần đầu", "online", 4,
                Now.AddDays(-9), Now.AddDays(-9), Now.AddDays(-2), null, 2.0),
        ]),
        [typeof(BreakdownAnswer)] = new BreakdownAnswer("2026-Q4", "G12.02", "live", Now.AddMinutes(-2), [Procedure]),
        [typeof(PushAnswer)] = new PushAnswer(3, 2, 0, 1, [new PushRejection(2, "G12.02-2026-004500", "NgayTiepNhan is not a date")], ["G12.02.01"]),
        [typeof(ViewerScope)] = Scope,
        [typeof(IReadOnlyList<ViewerScope>)] = new[] { Scope },
        [typeof(Subscription)] = Subscribed,
        [typeof(IReadOnlyList<Subscription>)] = new[] { Subscribed },
        [typeof(IReadOnlyList<Delivery>)] = new[]
        {
            new Delivery($"alert|band-drop|G12.02|published:2026-Q3|{At.UtcTicks}|5e1f0c2a9b7d3e11", "alert", "5e1f0c2a9b7d3e11", "email", "sent", 1, At, At.AddSeconds(2), null),
        },
        [typeof(SyncStatus)] = new SyncStatus(Now,
        [
            new SourceStatus("portal-dossiers", 30, Now.AddMinutes(-2), Now.AddMinutes(-3), TimeSpan.FromMinutes(3), [],
                new SyncRun("portal-dossiers", "G12.02", "s-20261118T022800Z", Now.AddMinutes(-3), Now.AddMinutes(-2), 2, 140, 138, 0, 2, null)),
        ], 0),
        [typeof(HealthReport)] = new HealthReport("healthy", Now, [], new StorageHealth("reachable", 12, []), new QueueHealth(0, 0),
            [new SourceHealth("portal-dossiers", Now.AddMinutes(-2), 120, Now.AddMinutes(-3), "PT3M")]),
        [typeof(PublishedPeriods)] = new PublishedPeriods([new PublishedPeriod(Period, 1, At, $"/api/reports/{Period}/v1/index.html")]),
        [typeof(LatestVersion)] = new LatestVersion(Period, 1, $"/api/reports/{Period}/v1/index.html"),
        // The JSON files: this document (its head), and a publication's index.json (the result as published, no record codes).
        [typeof(Hub.Api.Routes.OpenApiFile)] = new Dictionary<string, object>
        {
            ["openapi"] = "3.0.4", ["info"] = new Dictionary<string, string> { ["title"] = "Service Quality Index Hub — administrators' API", ["version"] = "1.0.0" }, ["paths"] = new Dictionary<string, object>(),
        },
        [typeof(Hub.Api.Routes.PublishedFile)] = new IndexResult(Period, "766-2022", [Unit with { Indicators = [.. Unit.Indicators.Select(i => i with { Missed = [] })] }]),
        [typeof(Microsoft.AspNetCore.Mvc.ProblemDetails)] = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Type = "https://httpstatuses.io/404", Title = "Not found", Status = 404, Detail = "2026-Q3 has never been scored.",
        },
    };

    private static ViewerScope Scope => new("can-bo.theo-doi@hanoi.gdt.gov.vn", ["G12.02"], "admin@mof.gov.vn", "Trưởng phòng theo dõi Thuế TP Hà Nội", At);

    private static Subscription Subscribed => new("5e1f0c2a9b7d3e11", "G12.02", Subscription.Email, "lanh-dao@hanoi.gdt.gov.vn", true, true, "admin@mof.gov.vn", At);

    /// <summary>The example of an answer type, or null when there is none (files and pages are described, not shown).</summary>
    public static object? For(Type type) => ByType.GetValueOrDefault(type);

    public static IEnumerable<Type> Types => ByType.Keys;
}
