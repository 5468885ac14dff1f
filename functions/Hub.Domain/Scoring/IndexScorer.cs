using Hub.Domain.Catalog;
using Hub.Domain.Periods;
using Hub.Domain.Units;

namespace Hub.Domain.Scoring;

/// <summary>Turns per-unit evidence into the index: resolves what crosses units (3.2, 3.3), pools every subtree,
/// applies the catalog's formulas, rescales groups and totals, bands and ranks siblings.</summary>
public static class IndexScorer
{
    public static IndexResult Score(Period period, IndexCatalog catalog, UnitTree tree, IEnumerable<UnitEvidence> evidence, int sampleSize = EvidenceAccumulator.DefaultSampleSize) =>
        Score(period, catalog, tree, evidence, PortalInputs.None, sampleSize);

    /// <summary>Scores with the hub's own evidence, pooled over every subtree, and, for the catalog's <c>portal.*</c>
    /// measures, the portal's published inputs of each unit's own row (never pooled: the portal's parent rows carry
    /// their own pooled counts).</summary>
    public static IndexResult Score(Period period, IndexCatalog catalog, UnitTree tree, IEnumerable<UnitEvidence> evidence, PortalInputs portal, int sampleSize = EvidenceAccumulator.DefaultSampleSize)
    {
        var own = new Dictionary<string, UnitEvidence>(StringComparer.Ordinal);
        foreach (var e in evidence)
        {
            if (!tree.Contains(e.UnitCode)) throw new DomainException($"Records reference unit '{e.UnitCode}', which is not in the unit list.");
            if (!own.TryAdd(e.UnitCode, e)) throw new DomainException($"Evidence for unit '{e.UnitCode}' was given twice.");
        }

        var resolved = ResolveCrossUnit(own, sampleSize);
        var pooled = Pool(tree, resolved, sampleSize);

        var results = new Dictionary<string, UnitResult>(StringComparer.Ordinal);
        foreach (var unit in tree.Units)
        {
            var counts = pooled[unit.Code];
            results[unit.Code] = ScoreUnit(unit, catalog, (_, part) =>
                Measures.IsPortal(part.Measure)
                    ? portal.Find(unit.Code, Measures.PortalCode(part.Measure))
                    : new IndicatorInput(counts.GetValueOrDefault(part.Measure) ?? MeasureCount.Zero, IndicatorInput.Hub));
        }
        var ranked = Rank(tree, results);
        return new IndexResult(period.ToString(), catalog.Version, ranked);
    }

    /// <summary>Scores each row from its own inputs only (no pooling, no cross-unit resolution): how the portal's
    /// published rows are reproduced from their counts. A row's input the lookup does not have is unknown.</summary>
    public static IndexResult ScoreRows(Period period, IndexCatalog catalog, UnitTree tree, Func<string, Indicator, IndicatorPart, IndicatorInput?> inputs)
    {
        var results = new Dictionary<string, UnitResult>(StringComparer.Ordinal);
        foreach (var unit in tree.Units)
            results[unit.Code] = ScoreUnit(unit, catalog, (indicator, part) => inputs(unit.Code, indicator, part));
        return new IndexResult(period.ToString(), catalog.Version, Rank(tree, results));
    }

    /// <summary>3.2 needs every unit's online intake; 3.3 needs every unit's online procedures. Both become plain counts here.</summary>
    private static Dictionary<string, Dictionary<string, MeasureCount>> ResolveCrossUnit(Dictionary<string, UnitEvidence> own, int sampleSize)
    {
        var onlineProcedures = own.Values.SelectMany(e => e.OnlineProcedures).ToHashSet(StringComparer.Ordinal);
        var filedOnline = own.Values.SelectMany(e => e.ProceduresFiledOnline).ToHashSet(StringComparer.Ordinal);

        var result = new Dictionary<string, Dictionary<string, MeasureCount>>(StringComparer.Ordinal);
        foreach (var (code, e) in own)
        {
            var counts = new Dictionary<string, MeasureCount>(e.Counts, StringComparer.Ordinal);

            if (e.ActiveOnlineProcedures.Count > 0)
            {
                var unused = new MissSample(sampleSize);
                long used = 0;
                foreach (var p in e.ActiveOnlineProcedures)
                    if (filedOnline.Contains(p)) used++; else unused.Add(p);
                counts[Measures.ProceduresOnlineInUse] = new MeasureCount(used, e.ActiveOnlineProcedures.Count, unused.ToList());
            }

            long received = 0, receivedOnline = 0;
            var notOnline = new MissSample(sampleSize);
            foreach (var (procedure, intake) in e.IntakeByProcedure)
            {
                if (!onlineProcedures.Contains(procedure)) continue;
                received += intake.Received;
                receivedOnline += intake.ReceivedOnline;
                notOnline.AddRange(intake.NotOnline);
            }
            if (received > 0) counts[Measures.DossiersFiledOnline] = new MeasureCount(receivedOnline, received, notOnline.ToList());
            result[code] = counts;
        }
        return result;
    }

    /// <summary>Pooled counts of each unit's whole subtree: sums of numerators and denominators, never averages of scores.</summary>
    private static Dictionary<string, Dictionary<string, MeasureCount>> Pool(UnitTree tree, Dictionary<string, Dictionary<string, MeasureCount>> own, int sampleSize)
    {
        var pooled = new Dictionary<string, Dictionary<string, MeasureCount>>(StringComparer.Ordinal);
        foreach (var code in tree.BottomUp)
        {
            var sources = new List<Dictionary<string, MeasureCount>>();
            if (own.TryGetValue(code, out var mine)) sources.Add(mine);
            sources.AddRange(tree.ChildrenOf(code).Select(child => pooled[child]));

            var merged = new Dictionary<string, MeasureCount>(StringComparer.Ordinal);
            foreach (var measure in Measures.All)
            {
                long num = 0, den = 0;
                var missed = new MissSample(sampleSize);
                foreach (var s in sources)
                {
                    if (!s.TryGetValue(measure, out var c)) continue;
                    num += c.Numerator;
                    den += c.Denominator;
                    missed.AddRange(c.Missed);
                }
                if (den > 0) merged[measure] = new MeasureCount(num, den, missed.ToList());
            }
            pooled[code] = merged;
        }
        return pooled;
    }

    private static UnitResult ScoreUnit(Units.Unit unit, IndexCatalog catalog, Func<Indicator, IndicatorPart, IndicatorInput?> inputs)
    {
        var rules = catalog.Rules;
        var groups = new List<GroupResult>();
        var indicators = new List<IndicatorResult>();
        double groupScores = 0, groupMaxima = 0;
        var allGroupsScored = true;
        foreach (var group in catalog.Groups)
        {
            double earned = 0, applicableMax = 0;
            var inputsMissing = false;
            foreach (var indicator in group.Indicators)
            {
                var result = ScoreIndicator(group.Id, indicator, inputs, rules);
                indicators.Add(result);
                if (!result.InputsAvailable) inputsMissing = true;
                if (result.Points is { } points) { earned += points; applicableMax += indicator.Points; }
            }
            double? score = rules.Rescale
                ? (applicableMax > 0 ? group.Max * earned / applicableMax : null)
                // No rescaling: a not-applicable indicator adds 0 and the group stays out of its maximum; an input
                // nobody has (not published, not captured) leaves the group unscored rather than guessed.
                : (inputsMissing ? null : Rounding.HalfUp2(earned));
            groups.Add(new GroupResult(group.Id, group.Name, score, group.Max));
            if (score is { } s) { groupScores += s; groupMaxima += group.Max; }
            else allGroupsScored = false;
        }
        double? total = rules.Rescale
            ? (groupMaxima > 0 ? catalog.TotalMax * groupScores / groupMaxima : null)
            : (allGroupsScored ? Rounding.HalfUp2(groupScores) : null);
        return new UnitResult(unit.Code, unit.Name, unit.ParentCode, total, total is { } t ? catalog.BandOf(t) : null, null, groups, indicators);
    }

    private static IndicatorResult ScoreIndicator(string groupId, Indicator indicator, Func<Indicator, IndicatorPart, IndicatorInput?> inputs, ScoringRules rules)
    {
        var parts = new List<PartResult>();
        double earned = 0, applicableMax = 0;
        var missed = new List<string>();
        var available = true;
        string? source = null;
        foreach (var part in indicator.Parts)
        {
            if (inputs(indicator, part) is not { } input)
            {
                available = false;
                parts.Add(new PartResult(part.Measure, 0, 0, null, part.Points));
                continue;
            }
            source = source is null || source == input.Source ? input.Source : IndicatorInput.Mixed;
            var c = input.Count;
            double? points = c.Denominator > 0
                ? part.Formula.Points((double)c.Numerator / c.Denominator, part.Points)
                : part.EmptyDenominator switch
                {
                    EmptyDenominatorPolicy.Full => part.Points,
                    EmptyDenominatorPolicy.Zero => 0,
                    _ => null,
                };
            if (points is { } p) { earned += p; applicableMax += part.Points; }
            parts.Add(new PartResult(part.Measure, c.Numerator, c.Denominator, points, part.Points));
            missed.AddRange(c.Missed);
        }
        double? indicatorPoints = !available || applicableMax <= 0 ? null : indicator.Points * earned / applicableMax;
        if (rules.RoundPointsHalfUp2 && indicatorPoints is { } raw) indicatorPoints = Rounding.HalfUp2(raw);
        if (indicator.IsComposite)
            return new IndicatorResult(indicator.Id, groupId, indicator.Name, null, null, indicatorPoints, indicator.Points, missed, parts, source, available);
        var only = parts[0];
        return available
            ? new IndicatorResult(indicator.Id, groupId, indicator.Name, only.Numerator, only.Denominator, indicatorPoints, indicator.Points, missed, null, source, true)
            : new IndicatorResult(indicator.Id, groupId, indicator.Name, null, null, null, indicator.Points, [], null, null, false);
    }

    /// <summary>Rank among siblings (roots among roots): total descending, ties by unit code. "No data" units get no rank.</summary>
    private static List<UnitResult> Rank(UnitTree tree, Dictionary<string, UnitResult> results)
    {
        var ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        var families = tree.Units.GroupBy(u => u.ParentCode ?? "");
        foreach (var family in families)
        {
            var order = family.Select(u => results[u.Code]).Where(r => r.Total is not null)
                .OrderByDescending(r => r.Total!.Value).ThenBy(r => r.Code, StringComparer.Ordinal);
            var rank = 0;
            foreach (var r in order) ranks[r.Code] = ++rank;
        }
        return results.Values.OrderBy(r => r.Code, StringComparer.Ordinal)
            .Select(r => ranks.TryGetValue(r.Code, out var k) ? r with { Rank = k } : r).ToList();
    }
}
