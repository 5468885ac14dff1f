using System.Globalization;
using System.Text.Json;
using Hub.Domain.Catalog;
using Hub.Domain.Periods;
using Hub.Domain.Scoring;

namespace Hub.Domain.Targets;

/// <summary>A ratio a measure must have reached by the end of a year (Vietnam time): "at least 30% by 2022".</summary>
public sealed record Milestone(int By, double Target)
{
    /// <summary>The instant the milestone falls due: the first moment of the next year, Vietnam time.</summary>
    public DateTimeOffset DueAt => Period.OfYear(By).End;

    public override string ToString() => $"≥ {(100 * Target).ToString("0.#", CultureInfo.InvariantCulture)}% ({By})";
}

/// <summary>A yearly growth target: each year the ratio must rise by at least PerYear over the same period a year
/// earlier, until it reaches Until ("digitisation +20% a year until 100%").</summary>
public sealed record Growth(double PerYear, double Until)
{
    /// <summary>What the period must reach, given the unit's ratio a year earlier.</summary>
    public double GoalAfter(double baseline) => Math.Min(Until, baseline + PerYear);

    public override string ToString() =>
        $"+{(100 * PerYear).ToString("0.#", CultureInfo.InvariantCulture)} điểm %/năm đến {(100 * Until).ToString("0.#", CultureInfo.InvariantCulture)}%";
}

/// <summary>A plan target: a measure and the milestones the plans set for it (e.g. ≥ 30% by 2022, then ≥ 80% by 2025),
/// in date order; or a yearly growth over the same period a year earlier.</summary>
public sealed record PlanTarget(string Id, string Label, string Measure, IReadOnlyList<Milestone> Milestones, Growth? Growth = null)
{
    /// <summary>The milestone a period is held to: the latest one already due when the period ends; null when none is
    /// due yet (the target is upcoming, not failed).</summary>
    public Milestone? DueFor(Period period) => Milestones.LastOrDefault(m => m.DueAt <= period.End);

    /// <summary>The next milestone not yet due when the period ends.</summary>
    public Milestone? NextAfter(Period period) => Milestones.FirstOrDefault(m => m.DueAt > period.End);
}

/// <summary>One unit's progress toward one target in one period, judged against the milestone due by the period's end.
/// Target: that milestone's ratio (or, when none is due yet, the next one's, for reference). Ratio null: nothing to
/// measure. Met null: nothing to measure, or no milestone due yet.</summary>
public sealed record TargetStatus(string TargetId, string Label, double Target, long Numerator, long Denominator, double? Ratio, bool? Met, double? Gap)
{
    /// <summary>The year of the milestone the period is held to; null when none is due yet.</summary>
    public int? DueBy { get; init; }

    /// <summary>The next milestone, if any ("≥ 80% (2025)").</summary>
    public string? Next { get; init; }
}

public sealed record UnitTargets(string Code, string Name, IReadOnlyList<TargetStatus> Targets);

/// <summary>Progress against the plan targets, per unit, from the same pooled counts as the index, each judged against
/// the milestone due by the period's end (2024 is held to 2022's 30%, 2026 to 2025's 80%). A separate view, clearly
/// labelled: targets are tracked, never scored.</summary>
public static class TargetProgress
{
    private static readonly Lazy<IReadOnlyList<PlanTarget>> Defaults = new(LoadDefaults);

    public static IReadOnlyList<PlanTarget> PlanTargets => Defaults.Value;

    /// <param name="yearEarlier">The result of the same period a year earlier (its latest publication), the baseline of
    /// growth targets; without it a growth target is measured but neither met nor failed.</param>
    public static IReadOnlyList<UnitTargets> Compute(IndexResult result, IndexCatalog catalog, IReadOnlyList<PlanTarget>? targets = null, IndexResult? yearEarlier = null)
    {
        targets ??= PlanTargets;
        var period = Period.Parse(result.Period);
        // Where each measure shows up in this catalog's results: (indicator id, part index or -1 for a plain indicator).
        var where = new Dictionary<string, (string Indicator, int Part)>(StringComparer.Ordinal);
        foreach (var i in catalog.Indicators)
            for (var k = 0; k < i.Parts.Count; k++)
                where.TryAdd(i.Parts[k].Measure, (i.Id, i.IsComposite ? k : -1));

        var before = yearEarlier?.Units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        return result.Units.Select(u => new UnitTargets(u.Code, u.Name, targets.Where(t => where.ContainsKey(t.Measure)).Select(t =>
        {
            var (indicatorId, part) = where[t.Measure];
            var (num, den) = Counts(u, indicatorId, part);
            double? ratio = den > 0 ? (double)num / den : null;
            if (t.Growth is { } growth)
            {
                // The unit's own ratio in the same period a year earlier, when it was published and measurable.
                double? baseline = before?.GetValueOrDefault(u.Code) is { } old && Counts(old, indicatorId, part) is var (bn, bd) && bd > 0 ? (double)bn / bd : null;
                var wanted = baseline is { } b ? growth.GoalAfter(b) : growth.Until;
                return new TargetStatus(t.Id, $"{t.Label}: {growth}", wanted, num, den, ratio,
                    baseline is null || ratio is null ? null : ratio >= wanted - 1e-12,
                    baseline is null || ratio is not { } gr ? null : Math.Max(0, wanted - gr))
                { DueBy = baseline is null ? null : period.Year, Next = baseline is null ? $"cần số liệu {period.YearEarlier}" : null };
            }
            var due = t.DueFor(period);
            var next = t.NextAfter(period);
            var goal = (due ?? next ?? t.Milestones[^1]).Target;
            return new TargetStatus(t.Id, $"{t.Label}: {string.Join(", ", t.Milestones)}", goal, num, den, ratio,
                due is null || ratio is null ? null : ratio >= due.Target,
                due is null || ratio is not { } r ? null : Math.Max(0, due.Target - r))
            { DueBy = due?.By, Next = next?.ToString() };
        }).ToList())).ToList();
    }

    private static (long Numerator, long Denominator) Counts(UnitResult unit, string indicatorId, int part)
    {
        var indicator = unit.Indicators.Single(i => i.Id == indicatorId);
        return part < 0 ? (indicator.Numerator ?? 0, indicator.Denominator ?? 0) : (indicator.Parts![part].Numerator, indicator.Parts[part].Denominator);
    }

    /// <summary>The targets view of a result, as the file published beside the index.</summary>
    public static byte[] ToJson(IndexResult result, IndexCatalog catalog, IndexResult? yearEarlier = null) =>
        ToJson(result.Period, Compute(result, catalog, yearEarlier: yearEarlier));

    public static byte[] ToJson(string period, IReadOnlyList<UnitTargets> units) =>
        JsonSerializer.SerializeToUtf8Bytes(new { view = "plan-targets (tracked, not scored; each judged against the milestone due by the period's end)", period, units },
            new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static IReadOnlyList<PlanTarget> LoadDefaults()
    {
        using var stream = typeof(TargetProgress).Assembly.GetManifestResourceStream("targets/plan-targets.json")!;
        using var doc = JsonDocument.Parse(stream);
        return doc.RootElement.GetProperty("targets").EnumerateArray().Select(t =>
        {
            var id = t.GetProperty("id").GetString()!;
            var milestones = t.TryGetProperty("milestones", out var ms) ? ms.EnumerateArray()
                .Select(m => new Milestone(int.Parse(m.GetProperty("by").GetString()!, CultureInfo.InvariantCulture), m.GetProperty("target").GetDouble()))
                .ToList() : [];
            var growth = t.TryGetProperty("growth", out var g) ? new Growth(g.GetProperty("perYear").GetDouble(), g.GetProperty("until").GetDouble()) : null;
            if ((milestones.Count == 0) == (growth is null))
                throw new DomainException($"Plan target '{id}': give either milestones or a yearly growth.");
            if (milestones.Zip(milestones.Skip(1)).Any(p => p.Second.By <= p.First.By) || milestones.Any(m => m.Target is <= 0 or > 1))
                throw new DomainException($"Plan target '{id}': milestones must be in increasing years, each a ratio in (0, 1].");
            if (growth is { PerYear: <= 0 or > 1 } or { Until: <= 0 or > 1 })
                throw new DomainException($"Plan target '{id}': a growth is a ratio per year in (0, 1] up to a ratio in (0, 1].");
            return new PlanTarget(id, t.GetProperty("label").GetString()!, t.GetProperty("measure").GetString()!, milestones, growth);
        }).ToList();
    }
}
