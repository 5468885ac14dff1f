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
