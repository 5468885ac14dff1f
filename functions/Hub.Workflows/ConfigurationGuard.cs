using Microsoft.Extensions.Configuration;

namespace Hub.Workflows;

/// <summary>Refuses to start on a setting that is still a literal Key Vault reference, but for the sources' API keys.
/// App Service resolves <c>@Microsoft.KeyVault(...)</c> app settings with the app's identity; when the secret does not
/// exist or the identity may not read it, the app gets the reference text itself. A source key in that state stops
/// only its own source (it is never sent: SourceRequests.KeyProblem; sync status and health name it), so that a first
/// deployment syncs what it can while the ministry waits for a key; anything else (the personal-data hashing key: a
/// hash under a known text is no protection) stops the app, naming the setting.</summary>
public static class ConfigurationGuard
{
    public const string KeyVaultReferencePrefix = "@Microsoft.KeyVault(";

    public static void ThrowOnUnresolvedKeyVaultReferences(IConfiguration configuration)
    {
        var unresolved = configuration.AsEnumerable()
            .Where(kv => kv.Value is { } v && v.TrimStart().StartsWith(KeyVaultReferencePrefix, StringComparison.OrdinalIgnoreCase))
            .Where(kv => !IsSourceKey(kv.Key) && !IsSmtpPassword(kv.Key))
            .Select(kv => kv.Key.Replace(":", "__"))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        if (unresolved.Count > 0)
            throw new InvalidOperationException(
                $"Setting(s) {string.Join(", ", unresolved)} are still unresolved Key Vault references: the secret is missing or the app's identity cannot read it. " +
                "Set the secret (infra/hooks/postprovision.sh names the command) and restart the app.");
    }

    /// <summary>Notifications:Smtp:Password: like a source key it stops only its own channel (email; the delivery log
    /// and the queue's retries say why), so that the hub runs before the ministry's relay account exists.</summary>
    private static bool IsSmtpPassword(string key) => string.Equals(key, "Notifications:Smtp:Password", StringComparison.OrdinalIgnoreCase);

    /// <summary>Sources:&lt;name&gt;:ApiKey.</summary>
    private static bool IsSourceKey(string key)
    {
        var parts = key.Split(':');
        return parts.Length == 3 && parts[0].Equals("Sources", StringComparison.OrdinalIgnoreCase) && parts[2].Equals("ApiKey", StringComparison.OrdinalIgnoreCase);
    }
}
