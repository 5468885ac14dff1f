namespace Hub.Domain.Catalog;

/// <summary>A validated, versioned methodology: groups, indicators, formulas, parameters and bands.</summary>
public sealed record IndexCatalog(
    string Version,
    string Title,
    CatalogParameters Parameters,
    IReadOnlyList<Band> Bands,
    IReadOnlyList<IndicatorGroup> Groups,
    ScoringRules Rules)
{
    public IEnumerable<Indicator> Indicators => Groups.SelectMany(g => g.Indicators);

    public double TotalMax => Groups.Sum(g => g.Max);

    /// <summary>The band of a total: the first band (highest minimum first) whose minimum the total reaches.</summary>
    public string BandOf(double total) => Bands.First(b => total >= b.Min).Name;
}

/// <summary>How points become group scores and totals. 766-2022: unrounded, a group rescaled over its applicable
/// indicators, the total over the scored groups. 766-portal: each indicator's points rounded half up to 2 decimals,
/// a group = sum of its rounded points (null counts 0), no rescaling, total = sum of the groups when all are scored.</summary>
public sealed record ScoringRules(bool RoundPointsHalfUp2, bool Rescale)
{
    public static readonly ScoringRules Rescaled = new(false, true);
}

public sealed record CatalogParameters(int PublicationDeadlineDays, double SyncLagHours);

public sealed record Band(string Name, double Min);

public sealed record IndicatorGroup(string Id, string Name, double Max, IReadOnlyList<Indicator> Indicators);

/// <summary>An indicator: one or more weighted parts, each a measure turned into points by a formula.
/// A plain indicator has exactly one part carrying all its points.</summary>
public sealed record Indicator(string Id, string Name, double Points, IReadOnlyList<IndicatorPart> Parts)
{
    public bool IsComposite => Parts.Count > 1;
}

public sealed record IndicatorPart(string Measure, double Points, Formula Formula, EmptyDenominatorPolicy EmptyDenominator);

/// <summary>What an empty denominator means for a part: not applicable (points redistributed), full points, or zero.</summary>
public enum EmptyDenominatorPolicy { NotApplicable, Full, Zero }
