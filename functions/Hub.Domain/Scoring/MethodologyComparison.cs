using Hub.Domain.Catalog;

namespace Hub.Domain.Scoring;

/// <summary>What-if: one period under two methodologies, unit by unit — both totals, bands and ranks, and the
/// indicators that explain the difference (those counting the same measure, whose points moved most once put on the
/// same scale).</summary>
public sealed record MethodologyComparison(string Period, string From, string To, IReadOnlyList<UnitComparison> Units);

public sealed record UnitComparison(string Code, string Name, double? FromTotal, double? ToTotal, double? Difference,
    string? FromBand, string? ToBand, int? FromRank, int? ToRank, IReadOnlyList<IndicatorShift> Explanation);

/// <summary>A measure counted by both methodologies: its points in each, and the shift once the first is rescaled to
/// the second's maximum (what this indicator alone moves the total by).</summary>
public sealed record IndicatorShift(string Measure, string FromIndicator, string ToIndicator, double? FromPoints, double FromMax, double? ToPoints, double ToMax, double Shift);

public static class MethodologyComparer
{
    public static MethodologyComparison Compare(IndexResult from, IndexResult to, IndexCatalog fromCatalog, IndexCatalog toCatalog, int explain = 3)
    {
        var measureOf = (IndexCatalog c) => c.Indicators.Where(i => !i.IsComposite).ToDictionary(i => i.Id, i => i.Parts[0].Measure, StringComparer.Ordinal);
        var fromMeasures = measureOf(fromCatalog);
        var toMeasures = measureOf(toCatalog);
        var toByCode = to.Units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        var units = new List<UnitComparison>();
        foreach (var a in from.Units)
        {
            if (!toByCode.TryGetValue(a.Code, out var b)) continue;
            var fromByMeasure = a.Indicators.Where(i => fromMeasures.ContainsKey(i.Id)).GroupBy(i => fromMeasures[i.Id]).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var shifts = new List<IndicatorShift>();
            foreach (var j in b.Indicators.Where(i => toMeasures.ContainsKey(i.Id)))
            {
                var measure = toMeasures[j.Id];
                if (!fromByMeasure.TryGetValue(measure, out var i)) continue;
                var shift = (j.Points ?? 0) - (i.Points ?? 0) * (i.Max > 0 ? j.Max / i.Max : 0);
                shifts.Add(new IndicatorShift(measure, i.Id, j.Id, i.Points, i.Max, j.Points, j.Max, Math.Round(shift, 4)));
            }
            units.Add(new UnitComparison(a.Code, a.Name, a.Total, b.Total, a.Total is { } x && b.Total is { } y ? Math.Round(y - x, 4) : null,
                a.Band, b.Band, a.Rank, b.Rank,
                shifts.OrderByDescending(s => Math.Abs(s.Shift)).ThenBy(s => s.Measure, StringComparer.Ordinal).Take(explain).ToList()));
        }
        return new MethodologyComparison(from.Period, from.Methodology, to.Methodology, units);
    }
}
