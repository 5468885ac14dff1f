using Hub.Domain.Alerts;
using Hub.Domain.Catalog;
using Hub.Domain.Scoring;
using Hub.Domain.Targets;
using Hub.Storage.Portal;
using Hub.Storage.Publications;
using Hub.Storage.Scores;
using Hub.Storage.Sync;
using Hub.Workflows.Reconciliation;
using Hub.Workflows.Scoring;
using Hub.Workflows.Sync;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;

namespace Hub.Workflows.Alerts;

/// <summary>After every run (provisional, published, or failed): judges the alert rules on what the run produced and
/// what it replaced, and raises or closes alerts.</summary>
public sealed class EvaluateAlertsActivity(
    EvidenceStore store, ScoreRepository scores, PublicationRepository publications, PortalEvaluationRepository portal,
    SyncStateRepository states, SyncRunner runner, AlertBook book, IConfiguration configuration, TimeProvider clock)
    : TaskActivity<AlertCheck, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, AlertCheck input)
    {
        var ct = CancellationToken.None;
        var rules = configuration["Alerts:RulesFile"] is { Length: > 0 } file ? AlertRules.FromFile(file) : AlertRules.Defaults;
        IndexResult? result = input.ResultBlob is { } blob ? await store.LoadResultAsync(blob, ct) : null;
        IndexResult? previous = null;
        if (result is not null)
        {
            if (input.Provisional)
            {
                var series = await scores.GetProvisionalSeriesAsync(input.Period, ct);
                var before = series.Where(s => s.Scores.All(x => x.RunId != input.RunId)).LastOrDefault();
                if (before.Scores is { Count: > 0 }) previous = new IndexResult(input.Period.ToString(), before.Scores[0].Methodology, before.Scores.Select(x => x.Unit).ToList());
            }
            else if ((await publications.ListAsync(input.Period, ct)).LastOrDefault(p => p.RunId != input.RunId) is { } last)
            {
                try { previous = await store.LoadResultAsync(EvidenceStore.ResultBlob(input.Period, last.RunId), ct); }
                catch (Azure.RequestFailedException e) when (e.Status == 404) { }
            }
        }
        var all = await states.ListAsync(ct);
        var caughtUp = new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
        foreach (var name in runner.SourceNames)
        {
            var source = runner.Source(name);
            caughtUp[name] = source.CaughtUpAt(await source.CurrentAsync(all, ct));
        }
        var capture = result is null ? null : await portal.LatestAsync(input.Period, ct);
        var outcome = AlertEvaluator.Evaluate(rules, new AlertEvaluator.Input(
            input.Period.ToString(), input.Provisional, result, previous,
            result is null ? [] : TargetProgress.Compute(result, IndexCatalogs.Get(result.Methodology)),
            result is not null && capture is not null ? ReconciliationService.Reconcile(result, capture) : null,
            caughtUp, input.Failure, clock.GetUtcNow()));
        var changes = await book.ApplyAsync(outcome, input.RunId, ct);
        return changes.Raised.Count + changes.Closed.Count;
    }
}
