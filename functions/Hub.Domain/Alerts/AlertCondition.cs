namespace Hub.Domain.Alerts;

/// <summary>A condition that holds now: raised as an alert once, kept open while it holds, closed when it no longer
/// does. Identity: rule + unit + subject (what it is about: a period, a source, a target).</summary>
public sealed record AlertCondition(string Rule, string Unit, string Subject, string Message, IReadOnlyDictionary<string, string> Evidence)
{
    public string Key => $"{Rule}|{Unit}|{Subject}";
}

public static class AlertRuleNames
{
    public const string BandDrop = "band-drop";
    public const string BelowTarget = "below-target";
    public const string PortalDifference = "portal-difference";
    public const string SourceLag = "source-lag";
    public const string RunFailed = "run-failed";

    /// <summary>The hub as a whole (source lag, failed runs), where an alert is about no one unit.</summary>
    public const string WholeHub = "*";
}
