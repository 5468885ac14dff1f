namespace Hub.Sources.Common;

/// <summary>A source record after validation: either a value with its id and version, or the reason it is quarantined.</summary>
public sealed record MapResult<T>(string? Id, T? Value, DateTimeOffset Version, string? Error) where T : class
{
    public bool Ok => Error is null;

    public static MapResult<T> Good(string id, T value, DateTimeOffset version) => new(id, value, version, null);

    public static MapResult<T> Bad(string? id, string reason) => new(id, null, default, reason);
}
