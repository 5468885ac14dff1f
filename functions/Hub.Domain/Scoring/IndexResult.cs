namespace Hub.Domain.Scoring;

/// <summary>The index of one period for every unit of the tree, produced by one methodology version.</summary>
/// <param name="Notes">What a reader must know about how the result was made (a partial capture's roots, say); null: nothing.</param>
public sealed record IndexResult(string Period, string Methodology, IReadOnlyList<UnitResult> Units, IReadOnlyList<string>? Notes = null);

/// <summary>One unit's pooled result (its own records and all its descendants'). Null total: "no data".</summary>
public sealed record UnitResult(
    string Code,
    string Name,
    string? ParentCode,
    double? Total,
    string? Band,
    int? Rank,
    IReadOnlyList<GroupResult> Groups,
    IReadOnlyList<IndicatorResult> Indicators);

public sealed record GroupResult(string Id, string Name, double? Score, double Max);

/// <summary>An indicator's counts and points. For a composite indicator Numerator/Denominator are null and Parts say it all.
/// Missed: a bounded sample of the records (or procedures) that cost points, smallest ids first.
/// Source: where the counts came from ("hub": counted from the hub's synced records; "portal": the portal's
/// published evaluation; "counts": a counts file). InputsAvailable false: an input nobody had; no points.</summary>
public sealed record IndicatorResult(
    string Id,
    string GroupId,
    string Name,
    long? Numerator,
    long? Denominator,
    double? Points,
    double Max,
    IReadOnlyList<string> Missed,
    IReadOnlyList<PartResult>? Parts = null,
    string? Source = null,
    bool InputsAvailable = true);

public sealed record PartResult(string Measure, long Numerator, long Denominator, double? Points, double Max);
