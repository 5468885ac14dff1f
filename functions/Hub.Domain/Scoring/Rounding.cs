namespace Hub.Domain.Scoring;

public static class Rounding
{
    /// <summary>Half up to 2 decimals, as the portal rounds points (5.005 -> 5.01). Done in decimal: a double such as
    /// 2 x 0.50025 = 1.0004999999999999 must round as the 1.0005 it stands for; the conversion to decimal keeps 15
    /// significant digits, which restores it.</summary>
    public static double HalfUp2(double value) =>
        double.IsFinite(value) ? (double)Math.Round((decimal)value, 2, MidpointRounding.AwayFromZero) : value;
}
