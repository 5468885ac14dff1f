using Hub.Domain.Scoring;

namespace Hub.Domain.Portal;

/// <summary>What the portal published for one unit, one indicator group and one period in one capture of its
/// evaluation API: the group score and, where the endpoint publishes them, each indicator's counts and points.</summary>
public sealed record PortalEvaluationRow(
    string UnitCode,
    string DepartmentId,
    string? ParentCode,
    string Group,
    double? GroupScore,
    double GroupMax,
    IReadOnlyList<PortalIndicatorFigure> Indicators);

/// <summary>One indicator as published: counts (null where the portal publishes none), points (null where it
/// publishes none, or null points), maximum and the ratio in percent it prints.</summary>
public sealed record PortalIndicatorFigure(string Code, long? Numerator, long? Denominator, double? Points, double? MaxPoints, double? Ratio)
{
    /// <summary>The counts as a scoring input: the numerator and denominator, or, where the portal publishes only a
    /// percentage (the certified copies), that percentage kept exactly as hundredths out of 10,000; null if neither.</summary>
    public MeasureCount? AsCount() =>
        Numerator is { } n && Denominator is { } d ? new MeasureCount(n, d, [])
        : Numerator is null && Denominator is null && Ratio is { } r && r is >= 0 and <= 100 ? MeasureCount.FromPercentage((decimal)r)
        : null;
}

/// <summary>One capture of the portal's evaluation for a period: every row of the six endpoints fetched in one go.
/// The portal recomputes during the day, so figures of two captures are never mixed.</summary>
public sealed record PortalCapture(string Period, string CaptureId, DateTimeOffset CapturedAt, IReadOnlyList<PortalEvaluationRow> Rows)
{
    /// <summary>A capture id sorts by time: 20260926T081500Z.</summary>
    public static string IdAt(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The inputs the hub takes from the portal: each unit's own row (never pooled), by indicator code.</summary>
    public PortalInputs ToInputs()
    {
        var byUnit = new Dictionary<string, IReadOnlyDictionary<string, MeasureCount>>(StringComparer.Ordinal);
        foreach (var unit in Rows.GroupBy(r => r.UnitCode, StringComparer.Ordinal))
        {
            var codes = new Dictionary<string, MeasureCount>(StringComparer.Ordinal);
            foreach (var figure in unit.SelectMany(r => r.Indicators))
                if (figure.AsCount() is { } count) codes[figure.Code] = count;
            byUnit[unit.Key] = codes;
        }
        return new PortalInputs(CaptureId, byUnit);
    }
}
