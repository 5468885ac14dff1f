namespace Hub.Domain.Evidence;

/// <summary>An administrative procedure (TTHC) in the national procedure database, owned by one unit.</summary>
public sealed record Procedure(
    string Code,
    string UnitCode,
    DateTimeOffset EffectiveFrom,
    DateTimeOffset? EffectiveTo,
    DateTimeOffset? DecisionEffectiveAt,
    DateTimeOffset? PublishedAt,
    bool Complete,
    OnlineLevel OnlineLevel)
{
    public bool IsOnline => OnlineLevel is OnlineLevel.Partial or OnlineLevel.Full;
}
