using System.Text.Json;
using Hub.Domain.Catalog;
using Hub.Domain.Scoring;

namespace Hub.Domain.Targets;

/// <summary>A plan target: a ratio a measure should reach (e.g. ≥ 50% of dossiers filed online by 2025).</summary>
public sealed record PlanTarget(string Id, string Label, string Measure, double Target, string By);

/// <summary>One unit's progress toward one target. Ratio null: nothing to measure in the period.</summary>
public sealed record TargetStatus(string TargetId, string Label, double Target, long Numerator, long Denominator, double? Ratio, bool? Met, double? Gap);

public sealed record UnitTargets(string Code, string Name, IReadOnlyList<TargetStatus> Targets);

/// <summary>Progress against the plan targets, per unit, from the same pooled counts as the index. A separate view,
/// clearly labelled: targets are tracked, never scored.</summary>
public static class TargetProgress
{
    private static readonly Lazy<IReadOnlyList<PlanTarget>> Defaults = new(LoadDefaults);

    public static IReadOnlyList<PlanTarget> PlanTargets => Defaults.Value;

    public static IReadOnlyList<UnitTargets> Compute(IndexResult result, IndexCatalog catalog, IReadOnlyList<PlanTarget>? targets = null)
    {
        targets ??= PlanTargets;
        // Where each measure shows up in this catalog's results: (indicator id, part index or -1 for a plain indicator).
        var where = new Dictionary<string, (string Indicator, int Part)>(StringComparer.Ordinal);
        foreach (var i in catalog.Indicators)
            for (var k = 0; k < i.Parts.Count; k++)
                where.TryAdd(i.Parts[k].Measure, (i.Id, i.IsComposite ? k : -1));

        return result.Units.Select(u => new UnitTargets(u.Code, u.Name, targets.Where(t => where.ContainsKey(t.Measure)).Select(t =>
        {
            var (indicatorId, part) = where[t.Measure];
            var indicator = u.Indicators.Single(i => i.Id == indicatorId);
            var (num, den) = part < 0 ? (indicator.Numerator ?? 0, indicator.Denominator ?? 0) : (indicator.Parts![part].Numerator, indicator.Parts[part].Denominator);
            double? ratio = den > 0 ? (double)num / den : null;
            return new TargetStatus(t.Id, t.Label, t.Target, num, den, ratio, ratio is { } r ? r >= t.Target : null, ratio is { } r2 ? Math.Max(0, t.Target - r2) : null);
        }).ToList())).ToList();
    }

    /// <summary>The targets view of a result, as the file published beside the index.</summary>
    public static byte[] ToJson(IndexResult result, IndexCatalog catalog) => ToJson(result.Period, Compute(result, catalog));

    public static byte[] ToJson(string period, IReadOnlyList<UnitTargets> units) =>
        JsonSerializer.SerializeToUtf8Bytes(new { view = "plan-targets (tracked, not scored)", period, units },
            new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static IReadOnlyList<PlanTarget> LoadDefaults()
    {
        using var stream = typeof(TargetProgress).Assembly.GetManifestResourceStream("targets/plan-targets.json")!;
        using var doc = JsonDocument.Parse(stream);
        return doc.RootElement.GetProperty("targets").EnumerateArray().Select(t => new PlanTarget(
            t.GetProperty("id").GetString()!, t.GetProperty("label").GetString()!, t.GetProperty("measure").GetString()!,
            t.GetProperty("target").GetDouble(), t.GetProperty("by").GetString()!)).ToList();
    }
}
