namespace Hub.Domain.Evidence;

/// <summary>A citizen's or business's satisfaction rating of a dossier's handling.</summary>
public sealed record Rating(string DossierId, string UnitCode, DateTimeOffset RatedAt, RatingLevel Level)
{
    public bool IsSatisfied => Level is RatingLevel.Satisfied or RatingLevel.VerySatisfied;
}
