using Hub.Sources.Common;

namespace Hub.Sources.Portal;

/// <summary>Settings of the National Public Service Portal connection (section Sources:Portal).</summary>
public sealed class PortalOptions : FeedOptions
{
    public const string Section = "Sources:Portal";
}
