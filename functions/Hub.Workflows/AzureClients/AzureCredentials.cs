using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace Hub.Workflows.AzureClients;

/// <summary>The one credential rule of every Azure client, on the Functions host's convention for identity-based
/// connections (&lt;name&gt;__credential, &lt;name&gt;__clientId): "managedidentity" is the app's managed identity —
/// the user-assigned one whose client id is given, the system-assigned one when the client id is empty (empty means
/// none, never an empty id); anything else is DefaultAzureCredential (a developer's sign-in, or the identity of the
/// client id given).</summary>
public static class AzureCredentials
{
    public static TokenCredential For(IConfigurationSection connection)
    {
        var clientId = connection["clientId"] is { } id && !string.IsNullOrWhiteSpace(id) ? id.Trim() : null;
        if (string.Equals(connection["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase))
            return new ManagedIdentityCredential(clientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId));
        return new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
    }
}
