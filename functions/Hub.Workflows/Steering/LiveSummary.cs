using Hub.Domain.Periods;
using Hub.Domain.Units;

namespace Hub.Workflows.Steering;

/// <summary>One unit's line of the live view: its watch-list counts (own subtree) and its forecast of the period-end
/// total, as is and if every open dossier due this period finishes on time.</summary>
public sealed record LiveUnitLine(string UnitCode, string UnitName, IReadOnlyDictionary<string, int> WatchCounts, double? TotalNow, double? TotalBestCase, double? PointsRecoverable, int DossiersRecoverable);

/// <summary>Every unit's live line of a running period, from one read of the snapshots (what `hub demo` prints).</summary>
public static class LiveSummary
{
    public static async Task<(LiveView View, IReadOnlyList<LiveUnitLine> Lines)> ForTreeAsync(SteeringService steering, Period period, CancellationToken ct)
    {
        var tree = await steering.TreeAsync(ct);
        var view = await steering.FiguresAsync(period, tree, ct);
        var lines = tree.Units.Select(u =>
        {
            var watch = steering.WatchList(period, u.Code, tree, view.Snapshots);
            return new LiveUnitLine(u.Code, u.Name, watch.Counts,
                view.AsIs.Units.FirstOrDefault(x => x.Code == u.Code)?.Total,
                view.BestCase.Units.FirstOrDefault(x => x.Code == u.Code)?.Total,
                view.PointsRecoverable(u.Code), view.RecoverableCount(tree, u.Code));
        }).ToList();
        return (view, lines);
    }
}
