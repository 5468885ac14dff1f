namespace Hub.Workflows.Sync;

/// <summary>Sync settings (section Sync).</summary>
public sealed class SyncOptions
{
    public const string Section = "Sync";

    /// <summary>Pages one work item processes before it hands the rest to a follow-up work item, so that one
    /// queue message never runs longer than the Functions timeout.</summary>
    public int MaxPagesPerRun { get; set; } = 50;
}
