namespace Hub.Domain.Scoring;

/// <summary>The counts of one indicator part for one unit, and where they came from.</summary>
public sealed record IndicatorInput(MeasureCount Count, string Source)
{
    /// <summary>Counted by the hub from its own synced records.</summary>
    public const string Hub = "hub";

    /// <summary>A composite whose parts came from different places.</summary>
    public const string Mixed = "mixed";

    /// <summary>Taken from the portal's published evaluation (the capture is named by the run's reconciliation: the
    /// source stays "portal" so that a re-capture with the same figures publishes nothing new).</summary>
    public const string Portal = "portal";
}
