namespace Hub.Workflows.Sync;

/// <summary>The systems allowed to push records (section Ingestion): per sender its key (a Key Vault reference in
/// Azure) and, optionally, the units (with their subtrees) it may send for.</summary>
public sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    public Dictionary<string, PushSender> Senders { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Records accepted in one batch (the portal's own sync pages hold up to 1,000).</summary>
    public int MaxRecords { get; set; } = 1000;
}

public sealed class PushSender
{
    public string? Key { get; set; }

    /// <summary>Root unit codes the sender handles; empty: any known unit.</summary>
    public List<string> Units { get; set; } = [];
}
