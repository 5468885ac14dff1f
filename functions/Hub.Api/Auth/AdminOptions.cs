namespace Hub.Api.Auth;

/// <summary>Settings Admin__*: the role App Service authentication must give an administrator, and the development key
/// that stands in for it locally (empty in Azure).</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    public string Role { get; set; } = "Hub.Admin";

    /// <summary>The app role of a unit viewer: read-only, and only the units an administrator put in their scope.</summary>
    public string ViewerRole { get; set; } = "Hub.Viewer";

    /// <summary>Local identities to try each role with (never in Azure): name -> key sent as x-hub-dev-key, and role.</summary>
    public Dictionary<string, DevelopmentIdentity> DevelopmentIdentities { get; set; } = new(StringComparer.Ordinal);

    public string? DevelopmentKey { get; set; }

    /// <summary>App Service sets WEBSITE_AUTH_ENABLED=True when its authentication (Easy Auth) fronts the app: a platform
    /// variable, not one of ours, bound here so that the authenticator reads all it needs from one place.</summary>
    public bool PlatformAuthenticationEnabled { get; set; }
}

public sealed class DevelopmentIdentity
{
    public string? Key { get; set; }
    public string? Role { get; set; }
}
