using Hub.Domain.Publications;
using Hub.Domain.Evidence;
using System.Text.Json;
using Hub.Domain.Catalog;
using Hub.Domain.Targets;
using Hub.Reports;
using Hub.Reports.Readable;
using Hub.Storage.Portal;
using Hub.Workflows.Reconciliation;
using Hub.Storage;
using Hub.Storage.Publications;
using Hub.Storage.Scores;
using Hub.Workflows.Scoring;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Hub.Workflows.Publishing;

/// <summary>Renders the reports of a run, and publishes them as the next version unless the latest version already
/// has the same content (then says so). Sends "index published" after the version is recorded.</summary>
public sealed class PublishActivity(EvidenceStore store, PublicationRepository publications, PortalEvaluationRepository portal, NationalRankingRepository national,
    Comparisons.ComparisonService comparisons,
    IIndexPublishedEvents events, TimeProvider clock, ILogger<PublishActivity> logger)
    : TaskActivity<PublicationRequest, PublicationOutcome>
{
    public override async Task<PublicationOutcome> RunAsync(TaskActivityContext context, PublicationRequest input)
    {
        using var activity = Telemetry.HubTelemetry.Source.StartActivity("publication");
        activity?.SetTag("hub.period", input.Period.ToString());
        activity?.SetTag("hub.run", input.RunId);
        // Everything published is anonymous: the result without its sample of dossier codes (a dossier code on the
        // internet leads to its applicant); administrators read the sample over the API.
        var result = ReportRenderer.WithoutRecordCodes(await store.LoadResultAsync(input.ResultBlob, CancellationToken.None));
        // The same period a year earlier, as last published: the baseline of the yearly growth targets.
        var yearEarlier = await LatestResultAsync(input.Period.YearEarlier);
        var files = ReportRenderer.Render(result, yearEarlier).ToList();
        if (input.SyncGaps.Count > 0)
            files.Add(new ReportFile(SyncGapsFile, "application/json", JsonSerializer.SerializeToUtf8Bytes(new
            {
                period = input.Period,
                note = "Published with sources that had not caught up past the period end, after an administrator's approval.",
                gaps = input.SyncGaps,
            }, Json)));
        // The identity of a publication is its scores: a newer capture of the portal with the same scores publishes
        // nothing new, so the reconciliation rides along without entering the hash.
        var hash = ReportRenderer.ContentHash(files);
        Hub.Domain.Portal.Reconciliation? reconciliation = null;
        if (await portal.LatestAsync(input.Period, CancellationToken.None) is { } capture)
        {
            reconciliation = ReconciliationService.Reconcile(result, capture);
            files.Add(new ReportFile(ReconciliationFile, "application/json", JsonSerializer.SerializeToUtf8Bytes(reconciliation, Json)));
            logger.LogInformation("{Period}: reconciled with the portal's capture {CaptureId}: {Agreeing} units agree, {Differing} differ",
                input.Period, capture.CaptureId, reconciliation.UnitsAgreeing, reconciliation.UnitsDiffering);
        }

        var existing = await publications.ListAsync(input.Period, CancellationToken.None);
        if (existing.FirstOrDefault(p => p.RunId == input.RunId) is { } mine)
        {
            // A retry after this run's version was recorded: the event may not have gone out; send it again
            // (Service Bus drops the duplicate by message id).
            await events.SendAsync(Event(mine), CancellationToken.None);
            return new PublicationOutcome(PublicationStatuses.Published, mine.Version, Folder(mine), mine.ContentHash, null, null);
        }
        if (existing.LastOrDefault() is { } latest && latest.ContentHash == hash)
        {
            logger.LogInformation("{Period}: content identical to v{Version} ({Hash}); no new version (asked by {By}: {Reason})", input.Period, latest.Version, hash, input.RequestedBy, input.Reason);
            await publications.RecordUnchangedAsync(new UnchangedRepublication(input.Period.ToString(), input.RunId, clock.GetUtcNow(), input.RequestedBy, input.Reason, latest.Version, hash),
                CancellationToken.None);
            return new PublicationOutcome(PublicationStatuses.Unchanged, latest.Version, Folder(latest), hash, latest.Version,
                $"The scores are identical to version {latest.Version}; nothing new was published.");
        }

        var version = (existing.LastOrDefault()?.Version ?? 0) + 1;
        var publishedAt = clock.GetUtcNow();
        // The readable reports state the record (who, when, why, which version and content): rendered from it, so the
        // same publication always renders the same bytes.
        var info = new PublicationInfo(input.Period.ToString(), version, publishedAt, input.RequestedBy, input.Reason, result.Methodology, hash);
        var previous = existing.LastOrDefault() is { } last ? await LoadResultAsync(input.Period, last.RunId) : null;
        var report = new ReportContext(info, result, previous, await TrendAsync(input.Period, result),
            TargetProgress.Compute(result, IndexCatalogs.Get(result.Methodology), yearEarlier: yearEarlier), reconciliation, input.SyncGaps)
        {
            Comparison = await comparisons.LatestAsync(input.Period, CancellationToken.None),
            PreviousPeriod = await LatestResultAsync(input.Period.Previous),
            National = input.Period.IsReporting ? null : await national.LatestAsync(input.Period, CancellationToken.None),
            Breakdown = await BreakdownAsync(input.Period, input.RunId, result),
        };
        files.AddRange(ReportRenderer.RenderReadable(report));
        var publication = new Publication(input.Period.ToString(), version, publishedAt, input.RequestedBy, input.Reason, result.Methodology, hash, input.RunId,
            files.Select(f => f.Name).ToList());
        await publications.AddAsync(publication, files, CancellationToken.None);
        Telemetry.HubTelemetry.PublicationVersions.Add(1, new KeyValuePair<string, object?>("period", input.Period.ToString()));
        activity?.SetTag("hub.publication.version", version);
        await events.SendAsync(Event(publication), CancellationToken.None);
        logger.LogInformation("Published {Period} v{Version} ({Hash}) by {By}: {Reason}", input.Period, version, hash, input.RequestedBy, input.Reason);
        return new PublicationOutcome(PublicationStatuses.Published, version, Folder(publication), hash, null, null);
    }

    /// <summary>The run's per-procedure breakdown of every unit, from the run's own evidence and the tree it scored.</summary>
    private async Task<IReadOnlyDictionary<string, IReadOnlyList<Hub.Domain.Steering.ProcedureCost>>> BreakdownAsync(Hub.Domain.Periods.Period period, string runId, Hub.Domain.Scoring.IndexResult result)
    {
        var tree = Hub.Domain.Units.UnitTree.Build(result.Units.Select(u => new Hub.Domain.Units.Unit(u.Code, u.Name, u.ParentCode)));
        var evidence = (await store.LoadEvidenceOfAsync(period, runId, tree.Units.Select(u => u.Code), CancellationToken.None)).Where(l => l.Evidence is not null).Select(l => l.Evidence!);
        return Hub.Domain.Steering.ProcedureBreakdown.ForTree(IndexCatalogs.Get(result.Methodology), tree, result, evidence, top: 10);
    }

    /// <summary>The result of a period's latest publication; null when it was never published.</summary>
    private async Task<Hub.Domain.Scoring.IndexResult?> LatestResultAsync(Hub.Domain.Periods.Period period) =>
        await publications.LatestAsync(period, CancellationToken.None) is { } latest ? await LoadResultAsync(period, latest.RunId) : null;

    private async Task<Hub.Domain.Scoring.IndexResult?> LoadResultAsync(Hub.Domain.Periods.Period period, string runId)
    {
        try { return await store.LoadResultAsync(EvidenceStore.ResultBlob(period, runId), CancellationToken.None); }
        catch (Azure.RequestFailedException e) when (e.Status == 404) { return null; }
    }

    /// <summary>Totals of the top units and their children in the latest version of every earlier published period.</summary>
    private async Task<IReadOnlyList<TrendPoint>> TrendAsync(Hub.Domain.Periods.Period current, Hub.Domain.Scoring.IndexResult result)
    {
        var roots = result.Units.Where(u => u.ParentCode is null).Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        var wanted = result.Units.Where(u => u.ParentCode is null || roots.Contains(u.ParentCode)).Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        var points = new List<TrendPoint>();
        foreach (var earlier in await publications.LatestOfEveryPeriodAsync(CancellationToken.None))
        {
            if (!Hub.Domain.Periods.Period.TryParse(earlier.Period, out var p, out _) || p.Kind != current.Kind || p.CompareTo(current) >= 0) continue;
            if (await LoadResultAsync(p, earlier.RunId) is not { } old) continue;
            points.AddRange(old.Units.Where(u => wanted.Contains(u.Code)).Select(u => new TrendPoint(earlier.Period, u.Code, u.Total)));
        }
        return points;
    }

    public const string ReconciliationFile = "reconciliation.json";
    public const string SyncGapsFile = "sync-gaps.json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Folder(Publication p) => $"{StorageNames.ReportsContainer}/{p.Folder}/";

    private static IndexPublished Event(Publication p) => new(p.Period, p.Version, p.Methodology, p.ContentHash, Folder(p), p.PublishedAt);
}
