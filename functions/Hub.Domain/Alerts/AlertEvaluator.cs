using System.Globalization;
using Hub.Domain.Portal;
using Hub.Domain.Scoring;
using Hub.Domain.Targets;

namespace Hub.Domain.Alerts;

/// <summary>What one run says about the alert conditions. Pure: the conditions that hold now, and the scope they were
/// judged in (an open alert in that scope whose condition is not among them is closed).</summary>
public static class AlertEvaluator
{
    public sealed record Input(
        string Period,
        bool Provisional,
        IndexResult? Result,
        IndexResult? Previous,
        IReadOnlyList<UnitTargets> Targets,
        Reconciliation? Reconciliation,
        IReadOnlyDictionary<string, DateTimeOffset?> SourcesCaughtUpAt,
        string? Failure,
        DateTimeOffset Now);

    /// <summary>Scopes are key prefixes: rule|unit-pattern|subject. A subject names the kind and period it was judged for.</summary>
    public sealed record Outcome(IReadOnlyList<AlertCondition> Conditions, IReadOnlyList<(string Rule, string SubjectPrefix)> Scope);

    public static string Kind(bool provisional) => provisional ? "provisional" : "published";

    public static Outcome Evaluate(AlertRules rules, Input input)
    {
        var conditions = new List<AlertCondition>();
        var scope = new List<(string, string)>();
        var kind = $"{Kind(input.Provisional)}:{input.Period}";
        var inv = CultureInfo.InvariantCulture;

        if (rules.RunFailed.Enabled)
        {
            scope.Add((AlertRuleNames.RunFailed, kind));
            if (input.Failure is { } failure)
                conditions.Add(new(AlertRuleNames.RunFailed, AlertRuleNames.WholeHub, kind, $"Lượt chấm điểm {(input.Provisional ? "tạm tính" : "công bố")} kỳ {input.Period} thất bại: {failure}",
                    new Dictionary<string, string> { ["failure"] = failure }));
        }

        if (rules.SourceLag.Enabled)
        {
            scope.Add((AlertRuleNames.SourceLag, ""));
            foreach (var (source, at) in input.SourcesCaughtUpAt.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                var allowed = rules.SourceLag.AllowedFor(source);
                if (at is { } caughtUp && input.Now - caughtUp <= allowed) continue;
                conditions.Add(new(AlertRuleNames.SourceLag, AlertRuleNames.WholeHub, source,
                    at is null ? $"{source}: chưa lần nào đồng bộ kịp" : $"{source}: đồng bộ kịp lần cuối cách đây {(input.Now - at.Value).TotalHours.ToString("0.#", inv)} giờ (cho phép {allowed.TotalHours.ToString("0.#", inv)} giờ)",
                    new Dictionary<string, string> { ["lastCaughtUpAt"] = at?.ToString("O") ?? "never", ["allowedHours"] = allowed.TotalHours.ToString(inv) }));
            }
        }

        if (input.Result is not { } result) return new Outcome(conditions, scope); // a failed run says nothing about units

        if (rules.BandDrop.Enabled)
        {
            scope.Add((AlertRuleNames.BandDrop, kind));
            var before = input.Previous?.Units.ToDictionary(u => u.Code);
            var bands = Catalog.IndexCatalogs.Get(result.Methodology).Bands.Select(b => b.Name).ToList();
            foreach (var u in result.Units)
            {
                if (before is null || !before.TryGetValue(u.Code, out var b) || b.Band is null || u.Band is null) continue;
                if (bands.IndexOf(u.Band) > bands.IndexOf(b.Band))
                    conditions.Add(new(AlertRuleNames.BandDrop, u.Code, kind, $"{u.Code}: xếp loại giảm từ {b.Band} xuống {u.Band} ({Fmt(b.Total)} → {Fmt(u.Total)})",
                        new Dictionary<string, string> { ["previousBand"] = b.Band, ["band"] = u.Band, ["previousTotal"] = Fmt(b.Total), ["total"] = Fmt(u.Total) }));
            }
        }

        if (rules.BelowTarget.Enabled)
        {
            scope.Add((AlertRuleNames.BelowTarget, kind));
            foreach (var t in input.Targets)
                foreach (var s in t.Targets.Where(s => s.Met == false))
                    conditions.Add(new(AlertRuleNames.BelowTarget, t.Code, $"{kind}:{s.TargetId}", $"{t.Code}: {s.Label}: đạt {Pct(s.Ratio)}, mục tiêu {Pct(s.Target)}",
                        new Dictionary<string, string> { ["target"] = s.TargetId, ["ratio"] = Pct(s.Ratio), ["goal"] = Pct(s.Target), ["numerator"] = s.Numerator.ToString(inv), ["denominator"] = s.Denominator.ToString(inv) }));
        }

        if (rules.PortalDifference.Enabled && input.Reconciliation is { } rec)
        {
            scope.Add((AlertRuleNames.PortalDifference, kind));
            foreach (var u in rec.Units.Where(u => u.TotalDifference is { } d && Math.Abs(d) > rules.PortalDifference.ThresholdPoints))
                conditions.Add(new(AlertRuleNames.PortalDifference, u.Code, kind,
                    $"{u.Code}: hệ thống tính {Fmt(u.HubTotal)}, Cổng DVCQG công bố {Fmt(u.PortalTotal)} (chênh {Fmt(u.TotalDifference)}, ngưỡng {rules.PortalDifference.ThresholdPoints.ToString(inv)})",
                    new Dictionary<string, string>
                    {
                        ["hubTotal"] = Fmt(u.HubTotal), ["portalTotal"] = Fmt(u.PortalTotal), ["capture"] = rec.CaptureId,
                        ["causes"] = string.Join("; ", u.Indicators.Where(i => i.Flagged).Select(i => $"{i.Id}: {i.Cause}")),
                    }));
        }
        return new Outcome(conditions, scope);
    }

    private static string Fmt(double? v) => v is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
    private static string Pct(double? v) => v is { } x ? (100 * x).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "n/a";
}
