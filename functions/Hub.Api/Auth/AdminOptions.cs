namespace Hub.Api.Auth;

/// <summary>Settings Admin__*: the role App Service authentication must give an administrator, and the development key
/// that stands in for it locally (empty in Azure).</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    public string Role { get; set; } = "Hub.Admin";

    public string? DevelopmentKey { get; set; }

    /// <summary>App Service sets WEBSITE_AUTH_ENABLED=True when its authentication (Easy Auth) fronts the app: a platform
    /// variable, not one of ours, bound here so that the authenticator reads all it needs from one place.</summary>
    public bool PlatformAuthenticationEnabled { get; set; }
}
