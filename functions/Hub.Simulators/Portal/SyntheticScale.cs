using Hub.Domain.Periods;

namespace Hub.Simulators.Portal;

/// <summary>What to generate: a deterministic seed, how many units, how many dossiers per quarter, for which period,
/// and how many records to spoil on purpose (to exercise quarantine).</summary>
public sealed record SyntheticScale(int Seed, int Units, int DossiersPerQuarter, Period Period, double MalformedRate = 0.0, double OutOfOrderRate = 0.0)
{
    public static SyntheticScale Demo(Period period) => new(Seed: 766, Units: 30, DossiersPerQuarter: 3000, Period: period, MalformedRate: 0.005);
}
