using Microsoft.Extensions.Configuration;

namespace Hub.Workflows;

/// <summary>Refuses to start on a setting that is still a literal Key Vault reference. App Service resolves
/// <c>@Microsoft.KeyVault(...)</c> app settings with the app's identity; when the secret does not exist or the identity
/// may not read it, the app gets the reference text itself — and would send it to the portal as its API key.</summary>
public static class ConfigurationGuard
{
    public const string KeyVaultReferencePrefix = "@Microsoft.KeyVault(";

    public static void ThrowOnUnresolvedKeyVaultReferences(IConfiguration configuration)
    {
        var unresolved = configuration.AsEnumerable()
            .Where(kv => kv.Value is { } v && v.TrimStart().StartsWith(KeyVaultReferencePrefix, StringComparison.OrdinalIgnoreCase))
            .Select(kv => kv.Key.Replace(":", "__"))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        if (unresolved.Count > 0)
            throw new InvalidOperationException(
                $"Setting(s) {string.Join(", ", unresolved)} are still unresolved Key Vault references: the secret is missing or the app's identity cannot read it. " +
                "Set the secret (infra/hooks/postprovision.sh names the command) and restart the app.");
    }
}
