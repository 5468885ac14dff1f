namespace Hub.Storage.Queues;

/// <summary>One unit of sync work: pull one source for one scope (a unit, or "*" for the whole catalogue)
/// from its saved watermark to now.</summary>
public sealed record SyncWorkItem(string Source, string Scope, DateTimeOffset EnqueuedAt);
