using Hub.Domain.Catalog;
using Hub.Domain.Portal;
using Hub.Domain.Scoring;
using Hub.Storage.Portal;
using Hub.Storage.Scores;

namespace Hub.Workflows.Reconciliation;

/// <summary>The hub's current scores of a period against the portal's latest capture of it.</summary>
public sealed class ReconciliationService(ScoreRepository scores, PortalEvaluationRepository portal)
{
    public sealed record Outcome(Domain.Portal.Reconciliation? Result, string? Missing);

    public async Task<Outcome> CompareAsync(Hub.Domain.Periods.Period period, string? unitCode, CancellationToken ct)
    {
        var stored = await scores.GetPeriodAsync(period, ct);
        if (stored.Count == 0) return new Outcome(null, $"{period} has no scores yet.");
        var capture = await portal.LatestAsync(period, ct);
        if (capture is null) return new Outcome(null, $"No capture of the portal's evaluation of {period} yet (source portal-evaluation).");
        var result = new IndexResult(period.ToString(), stored[0].Methodology, stored.Select(s => s.Unit).ToList());
        return new Outcome(Reconcile(result, capture, unitCode), null);
    }

    /// <summary>Reconciles a result of any catalog version: indicators and groups are matched by id, so a result of
    /// 766-2022 compares nothing but its totals.</summary>
    public static Domain.Portal.Reconciliation Reconcile(IndexResult result, PortalCapture capture, string? unitCode = null) =>
        Reconciler.Compare(result, capture, IndexCatalogs.Get(IndexCatalogs.Portal), unitCode);
}
