namespace Hub.Domain.Scoring;

/// <summary>The portal's published inputs (numerator, denominator) per unit and indicator code, from one capture of
/// its evaluation: what the hub takes from the portal where only the portal has the counts.</summary>
public sealed class PortalInputs
{
    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, MeasureCount>> _byUnit;

    public PortalInputs(string captureId, IReadOnlyDictionary<string, IReadOnlyDictionary<string, MeasureCount>> byUnit)
    {
        CaptureId = captureId;
        _byUnit = byUnit;
    }

    public static readonly PortalInputs None = new("", new Dictionary<string, IReadOnlyDictionary<string, MeasureCount>>());

    /// <summary>The capture these inputs come from (its time, ISO 8601): one capture per scoring, never two mixed.</summary>
    public string CaptureId { get; }

    public IndicatorInput? Find(string unitCode, string indicatorCode) =>
        _byUnit.TryGetValue(unitCode, out var codes) && codes.TryGetValue(indicatorCode, out var count)
            ? new IndicatorInput(count, IndicatorInput.Portal)
            : null;
}
