namespace Hub.Domain.Scoring;

/// <summary>What one unit's own records say about a period, before anything cross-unit or hierarchical is resolved.
/// Small and serializable: the scoring orchestration stores one per unit and passes its reference around.</summary>
public sealed record UnitEvidence
{
    public required string UnitCode { get; init; }

    /// <summary>Counts per measure name, for every measure that can be counted from the unit's own records.</summary>
    public required IReadOnlyDictionary<string, MeasureCount> Counts { get; init; }

    /// <summary>The unit's procedures that are online procedures (partial or full), active or not: 3.3 resolves against them.</summary>
    public IReadOnlyList<string> OnlineProcedures { get; init; } = [];

    /// <summary>The unit's active online procedures in the period: the denominator of 3.2.</summary>
    public IReadOnlyList<string> ActiveOnlineProcedures { get; init; } = [];

    /// <summary>Procedure codes for which this unit received a dossier online in the period (feeds 3.2 of the owning unit).</summary>
    public IReadOnlyList<string> ProceduresFiledOnline { get; init; } = [];

    /// <summary>Dossiers received in the period per procedure code: 3.3 counts those whose procedure turns out to be online.</summary>
    public IReadOnlyDictionary<string, ProcedureIntake> IntakeByProcedure { get; init; } = new Dictionary<string, ProcedureIntake>();

    /// <summary>The unit's own counts per procedure code and measure (the portal's drill-down per formalityId): what
    /// the per-procedure breakdown attributes the points lost to.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, ProcedureCount>> ByProcedure { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, ProcedureCount>>();

    /// <summary>Procedure names as the records gave them (TenTTHC), where they did; filled by whoever reads the records.</summary>
    public IReadOnlyDictionary<string, string> ProcedureNames { get; init; } = new Dictionary<string, string>();
}

/// <summary>One procedure's numerator and denominator of one measure.</summary>
public sealed record ProcedureCount(long Numerator, long Denominator);

/// <summary>A numerator/denominator pair, with a sample of the ids counted in the denominator but not the numerator.</summary>
public sealed record MeasureCount(long Numerator, long Denominator, IReadOnlyList<string> Missed)
{
    public static readonly MeasureCount Zero = new(0, 0, []);

    /// <summary>Where the portal publishes only a percentage (the certified copies): kept exactly, as hundredths out of 10,000.</summary>
    public static MeasureCount FromPercentage(decimal percent) => new((long)Math.Round(percent * 100), 10_000, []);
}

public sealed record ProcedureIntake(long Received, long ReceivedOnline, IReadOnlyList<string> NotOnline);
