namespace Hub.Storage.Publications;

/// <summary>An immutable publication of a period's index: version n, who, when, why, which methodology,
/// the content hash of its files and where they are.</summary>
public sealed record Publication(
    string Period,
    int Version,
    DateTimeOffset PublishedAt,
    string PublishedBy,
    string Reason,
    string Methodology,
    string ContentHash,
    string RunId,
    IReadOnlyList<string> Files)
{
    public string Folder => $"{Period}/v{Version}";
}

/// <summary>A re-publication that found the scores identical to an existing version: no new version, but the
/// administrator's request and reason are kept.</summary>
public sealed record UnchangedRepublication(string Period, string RunId, DateTimeOffset RequestedAt, string RequestedBy, string Reason, int SameAsVersion, string ContentHash);
