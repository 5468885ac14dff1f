using Hub.Domain.Alerts;
using Hub.Storage.Alerts;
using Microsoft.Extensions.Logging;

namespace Hub.Workflows.Alerts;

/// <summary>Turns the conditions a run found into alerts: a condition newly true raises its alert (once: no storm
/// on every run), a condition still true keeps it open, and an open alert in the judged scope whose condition no
/// longer holds is closed. Each raise and close is an event.</summary>
public sealed class AlertBook(AlertRepository alerts, IAlertEvents events, Notifications.NotificationPlanner notifications, TimeProvider clock, ILogger<AlertBook> logger)
{
    public sealed record Changes(IReadOnlyList<StoredAlert> Raised, IReadOnlyList<StoredAlert> Closed, int StillOpen);

    public async Task<Changes> ApplyAsync(AlertEvaluator.Outcome outcome, string runId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var existing = (await alerts.ListAsync(ct)).ToDictionary(a => a.Id, StringComparer.Ordinal);
        var raised = new List<StoredAlert>();
        var closed = new List<StoredAlert>();
        var stillOpen = 0;
        var holding = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in outcome.Conditions)
        {
            if (!holding.Add(c.Key)) continue;
            if (existing.TryGetValue(c.Key, out var open) && open.State == StoredAlert.Open)
            {
                await alerts.SaveAsync(open with { LastSeenAt = now }, ct);
                stillOpen++;
                continue;
            }
            var alert = new StoredAlert(c.Key, c.Rule, c.Unit, c.Subject, StoredAlert.Open, c.Message, c.Evidence, now, now, null, runId);
            await alerts.SaveAsync(alert, ct);
            await events.SendAsync(AlertEvent.Of(alert, "raised"), ct);
            // The subscribers of the unit and the units above it, each by a queue message of their own.
            await notifications.PlanAlertAsync(alert, ct);
            raised.Add(alert);
        }
        foreach (var open in existing.Values.Where(a => a.State == StoredAlert.Open && !holding.Contains(a.Id)))
        {
            if (!outcome.Scope.Any(s => s.Rule == open.Rule && open.Subject.StartsWith(s.SubjectPrefix, StringComparison.Ordinal))) continue;
            var done = open with { State = StoredAlert.Closed, ClosedAt = now, LastSeenAt = now };
            await alerts.SaveAsync(done, ct);
            await events.SendAsync(AlertEvent.Of(done, "closed"), ct);
            closed.Add(done);
        }
        if (raised.Count + closed.Count > 0)
            logger.LogWarning("Alerts: {Raised} raised, {Closed} closed, {Open} still open (run {RunId})", raised.Count, closed.Count, stillOpen, runId);
        return new Changes(raised, closed, stillOpen);
    }
}
