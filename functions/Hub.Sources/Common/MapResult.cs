namespace Hub.Sources.Common;

/// <summary>A source record after validation: a value with its id and version; or the reason it is quarantined;
/// or, for a well-formed record the index has no use for yet (a dossier not yet received), the reason it is skipped.</summary>
public sealed record MapResult<T>(string? Id, T? Value, DateTimeOffset Version, string? Error, string? SkipReason = null) where T : class
{
    public bool Ok => Error is null && SkipReason is null;

    public bool Skipped => SkipReason is not null;

    public static MapResult<T> Good(string id, T value, DateTimeOffset version) => new(id, value, version, null);

    public static MapResult<T> Bad(string? id, string reason) => new(id, null, default, reason);

    public static MapResult<T> Skip(string id, string reason) => new(id, null, default, null, reason);
}
