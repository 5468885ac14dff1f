namespace Hub.Domain.Scoring;

/// <summary>The counts of one indicator part for one unit, and where they came from.</summary>
public sealed record IndicatorInput(MeasureCount Count, string Source)
{
    /// <summary>Counted by the hub from its own synced records.</summary>
    public const string Hub = "hub";

    /// <summary>A composite whose parts came from different places.</summary>
    public const string Mixed = "mixed";

    public static string Portal(string captureId) => "portal:" + captureId;
}
