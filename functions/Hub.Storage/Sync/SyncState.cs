namespace Hub.Storage.Sync;

/// <summary>Where a source's sync stands for one scope: the keyset cursor of the last stored page (the watermark),
/// the newest source update time stored, and the last outcome.</summary>
public sealed record SyncState(
    string Source,
    string Scope,
    string? Cursor,
    DateTimeOffset? Watermark,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? LastAttemptAt,
    string? LastError)
{
    public static SyncState Initial(string source, string scope) => new(source, scope, null, null, null, null, null);
}
