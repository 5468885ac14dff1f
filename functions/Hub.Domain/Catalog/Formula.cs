namespace Hub.Domain.Catalog;

/// <summary>Turns a ratio (0..1) into points out of a maximum.</summary>
public abstract record Formula
{
    public abstract double Points(double ratio, double max);

    /// <summary>max x ratio.</summary>
    public sealed record Ratio : Formula
    {
        public override double Points(double ratio, double max) => max * ratio;
    }

    /// <summary>Full points at or above the threshold, proportional below: min(max, max x ratio / threshold).</summary>
    public sealed record ThresholdedRatio(double Threshold) : Formula
    {
        public override double Points(double ratio, double max) => Math.Min(max, max * ratio / Threshold);
    }

    /// <summary>min(cap, k x ratio); the cap defaults to the part's points.</summary>
    public sealed record CappedLinear(double K, double? Cap) : Formula
    {
        public override double Points(double ratio, double max) => Math.Min(Math.Min(Cap ?? max, max), K * ratio);
    }
}
