using Hub.Domain.Periods;

namespace Hub.Simulators.Portal;

/// <summary>What to generate: a deterministic seed, how many units, how many dossiers per quarter, for which period,
/// and how many records to spoil on purpose (to exercise quarantine).</summary>
public sealed record SyntheticScale(int Seed, int Units, int DossiersPerQuarter, Period Period, double MalformedRate = 0.0, double OutOfOrderRate = 0.0)
{
    /// <summary>When set, the portal also holds the running quarter's dossiers as they stand at this instant (received
    /// since the quarter began, some finished, some open and due later, some returned for supplement, some accepted
    /// late), at the same rate per day as the scored period: what a unit head steers by. Null: closed periods only.</summary>
    public DateTimeOffset? RunningUntil { get; init; }

    public static SyntheticScale Demo(Period period) => new(Seed: 766, Units: 30, DossiersPerQuarter: 3000, Period: period, MalformedRate: 0.005);
}
