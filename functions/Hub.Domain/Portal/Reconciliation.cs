using System.Globalization;
using Hub.Domain.Catalog;
using Hub.Domain.Scoring;

namespace Hub.Domain.Portal;

/// <summary>The hub's figures of a period against one capture of the portal's, unit by unit and indicator by
/// indicator: both numerators, denominators and points, the difference, and for differences over the tolerance the
/// cause as far as the figures tell it.</summary>
public sealed record Reconciliation(
    string Period,
    string Methodology,
    string CaptureId,
    DateTimeOffset CapturedAt,
    int UnitsCompared,
    int UnitsAgreeing,
    int UnitsDiffering,
    IReadOnlyList<UnitReconciliation> Units);

public sealed record UnitReconciliation(
    string Code,
    string Name,
    bool Agrees,
    bool InCapture,
    double? HubTotal,
    double? PortalTotal,
    double? TotalDifference,
    IReadOnlyList<GroupComparison> Groups,
    IReadOnlyList<IndicatorComparison> Indicators);

public sealed record GroupComparison(string Id, double? Hub, double? Portal, double? Difference, bool Flagged, string? Cause);

/// <summary>SampleIds: for a dossier indicator that differs, ids of the hub's records that cost points (hub side
/// only: the portal publishes no ids). Dossier ids and procedure codes only, never personal data.</summary>
public sealed record IndicatorComparison(
    string Id,
    string Group,
    string? HubSource,
    long? HubNumerator,
    long? HubDenominator,
    double? HubPoints,
    long? PortalNumerator,
    long? PortalDenominator,
    double? PortalPoints,
    double? Difference,
    bool Flagged,
    string? Cause,
    IReadOnlyList<string> SampleIds);

public static class Reconciler
{
    /// <summary>A group's cause when its indicators say it: readers are sent to them.</summary>
    public const string SeeTheIndicators = "xem các chỉ tiêu";

    /// <summary>Points (of an indicator or a group) closer than this agree: the portal rounds to 2 decimals.</summary>
    public const double PointsTolerance = 0.015;

    /// <summary>Totals are sums of six rounded groups.</summary>
    public const double TotalTolerance = 0.02;

    public static Reconciliation Compare(IndexResult hub, PortalCapture capture, IndexCatalog catalog, string? unitCode = null)
    {
        var rows = capture.Rows.GroupBy(r => r.UnitCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToDictionary(r => r.Group, StringComparer.Ordinal), StringComparer.Ordinal);
        var units = new List<UnitReconciliation>();
        foreach (var unit in hub.Units.Where(u => unitCode is null || u.Code == unitCode))
            units.Add(CompareUnit(unit, rows.GetValueOrDefault(unit.Code), catalog));
        var compared = units.Count(u => u.InCapture);
        var agreeing = units.Count(u => u.InCapture && u.Agrees);
        return new Reconciliation(hub.Period, hub.Methodology, capture.CaptureId, capture.CapturedAt, compared, agreeing, compared - agreeing, units);
    }

    private static UnitReconciliation CompareUnit(UnitResult unit, Dictionary<string, PortalEvaluationRow>? rows, IndexCatalog catalog)
    {
        if (rows is null)
            return new UnitReconciliation(unit.Code, unit.Name, false, false, unit.Total, null, null, [], []);

        var groups = new List<GroupComparison>();
        var indicators = new List<IndicatorComparison>();
        foreach (var g in unit.Groups)
        {
            var row = rows.GetValueOrDefault(g.Id);
            var difference = Diff(g.Score, row?.GroupScore);
            var flagged = row is null || row.GroupScore is null || g.Score is null || Math.Abs(difference!.Value) > PointsTolerance;
            string? cause = !flagged ? null
                : row is null ? "số liệu Cổng DVCQG không có dòng của nhóm này cho đơn vị"
                : g.Score is null ? "hệ thống chưa tính được điểm nhóm này (thiếu số liệu đầu vào)"
                : row.GroupScore is null ? "Cổng DVCQG không công bố điểm"
                : row.Indicators.Count == 0 ? "Cổng DVCQG chỉ công bố điểm nhóm cho dòng này: không đối chiếu được số hồ sơ của từng chỉ tiêu"
                : Reconciler.SeeTheIndicators;
            groups.Add(new GroupComparison(g.Id, g.Score, row?.GroupScore, difference, flagged, cause));

            foreach (var mine in unit.Indicators.Where(i => i.GroupId == g.Id))
            {
                var theirs = row?.Indicators.FirstOrDefault(f => f.Code == mine.Id);
                if (theirs is null) continue; // nothing published to compare with (the group's score is compared above)
                indicators.Add(CompareIndicator(mine, theirs, catalog));
            }
        }

        double? portalTotal = catalog.Groups.All(cg => rows.TryGetValue(cg.Id, out var r) && r.GroupScore is not null)
            ? Rounding.HalfUp2(catalog.Groups.Sum(cg => rows[cg.Id].GroupScore!.Value))
            : null;
        var totalDifference = Diff(unit.Total, portalTotal);
        var agrees = groups.All(x => !x.Flagged) && indicators.All(x => !x.Flagged)
            && (totalDifference is null ? unit.Total is null && portalTotal is null : Math.Abs(totalDifference.Value) <= TotalTolerance);
        return new UnitReconciliation(unit.Code, unit.Name, agrees, true, unit.Total, portalTotal, totalDifference, groups, indicators);
    }

    private static IndicatorComparison CompareIndicator(IndicatorResult mine, PortalIndicatorFigure theirs, IndexCatalog catalog)
    {
        var difference = Diff(mine.Points, theirs.Points);
        var countsPublished = theirs.Numerator is not null && theirs.Denominator is not null;
        var countsDiffer = countsPublished && (theirs.Numerator != mine.Numerator || theirs.Denominator != mine.Denominator);
        // Where the portal publishes counts but no points (TTTT, ONLINE's root row), the counts are what is compared.
        var flagged = difference is { } d ? Math.Abs(d) > PointsTolerance
            : theirs.Points is null && countsPublished ? countsDiffer || !mine.InputsAvailable
            : (mine.Points is null) != (theirs.Points is null);
        string? cause = null;
        IReadOnlyList<string> sample = [];
        if (flagged)
        {
            var numeratorDiffers = theirs.Numerator is { } pn && mine.Numerator is { } hn && pn != hn;
            var denominatorDiffers = theirs.Denominator is { } pd && mine.Denominator is { } hd && pd != hd;
            cause = !mine.InputsAvailable ? "hệ thống chưa có số liệu cho chỉ tiêu này"
                : theirs.Numerator is null && theirs.Denominator is null ? "Cổng DVCQG không công bố số hồ sơ của chỉ tiêu này; chỉ có điểm khác nhau"
                : numeratorDiffers && denominatorDiffers ? $"khác cả tử số và mẫu số: hệ thống {mine.Numerator}/{mine.Denominator}, Cổng {theirs.Numerator}/{theirs.Denominator}"
                : numeratorDiffers ? $"khác tử số: hệ thống {mine.Numerator}, Cổng {theirs.Numerator} (cùng mẫu số {mine.Denominator})"
                : denominatorDiffers ? $"khác mẫu số: hệ thống {mine.Denominator}, Cổng {theirs.Denominator} (cùng tử số {mine.Numerator})"
                : "cùng số hồ sơ, khác điểm: khác công thức hoặc cách làm tròn";
            var measure = catalog.Indicators.FirstOrDefault(i => i.Id == mine.Id)?.Parts[0].Measure ?? "";
            if (measure.StartsWith("dossiers.", StringComparison.Ordinal) || measure.StartsWith("procedures.", StringComparison.Ordinal)) sample = mine.Missed;
        }
        return new IndicatorComparison(mine.Id, mine.GroupId, mine.Source, mine.Numerator, mine.Denominator, mine.Points,
            theirs.Numerator, theirs.Denominator, theirs.Points, difference, flagged, cause, sample);
    }

    private static double? Diff(double? hub, double? portal) =>
        hub is { } h && portal is { } p ? Math.Round(h - p, 4) : null;

    /// <summary>One line per differing unit, for logs and CLI output.</summary>
    public static string Describe(UnitReconciliation u) =>
        u.Agrees ? $"{u.Code}: agrees ({Fmt(u.HubTotal)})"
        : !u.InCapture ? $"{u.Code}: not in the portal's capture"
        : $"{u.Code}: hub {Fmt(u.HubTotal)} vs portal {Fmt(u.PortalTotal)}; " +
          string.Join("; ", u.Indicators.Where(i => i.Flagged).Select(i => $"{i.Id}: {i.Cause}").DefaultIfEmpty(string.Join("; ", u.Groups.Where(g => g.Flagged).Select(g => $"{g.Id}: {g.Cause}"))));

    private static string Fmt(double? v) => v is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) : "–";
}
