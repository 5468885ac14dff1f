using Hub.Domain.Catalog;
using Hub.Domain.Scoring;
using Hub.Domain.Units;

namespace Hub.Domain.Steering;

/// <summary>What one procedure costs a unit on one indicator: its own counts and the share of the indicator's lost
/// points its misses account for.</summary>
public sealed record ProcedureIndicatorCost(string IndicatorId, string Measure, long Numerator, long Denominator, double PointsLost);

/// <summary>One procedure of a unit (pooled over its subtree), ranked by the points its records cost.</summary>
public sealed record ProcedureCost(int Rank, string Code, string? Name, double PointsLost, IReadOnlyList<ProcedureIndicatorCost> Indicators);

/// <summary>Every indicator of a unit broken down per procedure, as the portal drills each group down per formalityId.
/// The points an indicator lost are shared among the procedures in proportion to their misses (denominator minus
/// numerator): exact for the linear formulas, where every miss costs the same (max / denominator), and the natural
/// share for a threshold. Measures not counted per procedure (petitions, ratings, the cross-unit 3.2) stay out.</summary>
public static class ProcedureBreakdown
{
    public static IReadOnlyDictionary<string, IReadOnlyList<ProcedureCost>> ForTree(IndexCatalog catalog, UnitTree tree, IndexResult result, IEnumerable<UnitEvidence> evidence, int top = 20)
    {
        var own = evidence.ToDictionary(e => e.UnitCode, StringComparer.Ordinal);
        var onlineProcedures = own.Values.SelectMany(e => e.OnlineProcedures).ToHashSet(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in own.Values) foreach (var (code, name) in e.ProcedureNames) names.TryAdd(code, name);

        // The unit's own per-procedure counts, with 3.3 (filed online) from the intake of the procedures that are online.
        var mine = own.ToDictionary(kv => kv.Key, kv => OwnCounts(kv.Value, onlineProcedures), StringComparer.Ordinal);
        var pooled = new Dictionary<string, Dictionary<(string Procedure, string Measure), ProcedureCount>>(StringComparer.Ordinal);
        foreach (var code in tree.BottomUp)
        {
            var merged = new Dictionary<(string, string), ProcedureCount>();
            IEnumerable<Dictionary<(string, string), ProcedureCount>> parts = tree.ChildrenOf(code).Select(c => pooled[c]);
            if (mine.TryGetValue(code, out var m)) parts = parts.Append(m);
            foreach (var part in parts)
                foreach (var (key, c) in part)
                    merged[key] = merged.TryGetValue(key, out var sum) ? new ProcedureCount(sum.Numerator + c.Numerator, sum.Denominator + c.Denominator) : c;
            pooled[code] = merged;
        }

        var answer = new Dictionary<string, IReadOnlyList<ProcedureCost>>(StringComparer.Ordinal);
        foreach (var unit in result.Units)
            answer[unit.Code] = pooled.TryGetValue(unit.Code, out var counts) ? ForUnit(catalog, unit, counts, names, top) : [];
        return answer;
    }

    private static List<ProcedureCost> ForUnit(IndexCatalog catalog, UnitResult unit, Dictionary<(string Procedure, string Measure), ProcedureCount> counts, Dictionary<string, string> names, int top)
    {
        var byProcedure = counts.GroupBy(kv => kv.Key.Procedure, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToDictionary(kv => kv.Key.Measure, kv => kv.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        var costs = byProcedure.ToDictionary(kv => kv.Key, _ => new List<ProcedureIndicatorCost>(), StringComparer.Ordinal);
        foreach (var indicator in catalog.Groups.SelectMany(g => g.Indicators))
        {
            var scored = unit.Indicators.FirstOrDefault(i => i.Id == indicator.Id);
            if (scored?.Points is not { } points) continue;
            foreach (var (part, lost, misses) in LostByPart(indicator, scored, points))
            {
                if (lost <= 0 || misses <= 0) continue;
                foreach (var (procedure, measures) in byProcedure)
                {
                    if (!measures.TryGetValue(part.Measure, out var c)) continue;
                    var share = lost * (c.Denominator - c.Numerator) / misses;
                    costs[procedure].Add(new ProcedureIndicatorCost(indicator.Id, part.Measure, c.Numerator, c.Denominator, Math.Round(share, 4)));
                }
            }
        }
        return costs.Select(kv => (Code: kv.Key, Lost: kv.Value.Sum(c => c.PointsLost), Items: kv.Value))
            .Where(x => x.Items.Count > 0)
            .OrderByDescending(x => x.Lost).ThenBy(x => x.Code, StringComparer.Ordinal)
            .Take(top)
            .Select((x, i) => new ProcedureCost(i + 1, x.Code, names.GetValueOrDefault(x.Code), Math.Round(x.Lost, 4), x.Items))
            .ToList();
    }

    /// <summary>Each part's lost points and misses. A plain indicator's part lost max − points; a composite's parts
    /// lose their own shortfall, scaled as the indicator scales its parts' points.</summary>
    private static IEnumerable<(IndicatorPart Part, double Lost, long Misses)> LostByPart(Indicator indicator, IndicatorResult scored, double points)
    {
        if (!indicator.IsComposite)
        {
            if (scored.Denominator is { } den && scored.Numerator is { } num) yield return (indicator.Parts[0], indicator.Points - points, den - num);
            yield break;
        }
        var applicable = scored.Parts!.Where(p => p.Points is not null).Sum(p => p.Max);
        if (applicable <= 0) yield break;
        foreach (var part in indicator.Parts)
        {
            var r = scored.Parts!.FirstOrDefault(p => p.Measure == part.Measure);
            if (r?.Points is not { } partPoints) continue;
            yield return (part, (r.Max - partPoints) * indicator.Points / applicable, r.Denominator - r.Numerator);
        }
    }

    private static Dictionary<(string, string), ProcedureCount> OwnCounts(UnitEvidence e, HashSet<string> onlineProcedures)
    {
        var counts = new Dictionary<(string, string), ProcedureCount>();
        foreach (var (procedure, measures) in e.ByProcedure)
            foreach (var (measure, c) in measures) counts[(procedure, measure)] = c;
        foreach (var (procedure, intake) in e.IntakeByProcedure)
            if (onlineProcedures.Contains(procedure))
                counts[(procedure, Measures.DossiersFiledOnline)] = new ProcedureCount(intake.ReceivedOnline, intake.Received);
        return counts;
    }
}
