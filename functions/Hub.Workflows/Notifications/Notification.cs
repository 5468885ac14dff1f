namespace Hub.Workflows.Notifications;

/// <summary>One message to one subscriber, composed when it is planned (a re-delivery sends the same words): its key
/// (kind|subject|subscription) is what the delivery log deduplicates on. Never personal data: unit codes and names,
/// indicator figures, counts, links.</summary>
public sealed record Notification(string Key, string Kind, string SubscriptionId, string Channel, string Address, string Subject, string Text)
{
    public const string AlertKind = "alert";
    public const string DigestKind = "digest";
}
