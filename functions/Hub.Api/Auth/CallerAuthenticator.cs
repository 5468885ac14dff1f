using Hub.Api.Routes;
using Microsoft.AspNetCore.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Hub.Api.Auth;

/// <summary>Who is calling: a ministry administrator (everything) or a unit viewer (the units of their scope, read only).</summary>
public sealed record Caller(string Name, IReadOnlyList<string> Roles)
{
    public bool IsAdministrator { get; init; }
}

/// <summary>Who may call the authenticated API. In Azure the host has already checked the function key; App Service
/// authentication then passes the signed-in user as X-MS-CLIENT-PRINCIPAL (base64 JSON), which must carry the admin
/// role or the unit viewer role (Entra ID app roles Hub.Admin, Hub.Viewer). The header is believed only where the platform says its authentication is on (WEBSITE_AUTH_ENABLED=True):
/// there the platform strips any client-sent copy; anywhere else anyone can write it. Locally (`hub serve`,
/// `func start`) a configured development key (header x-hub-dev-key) stands in for both: the administrator's, or one
/// of the development identities' (Admin__DevelopmentIdentities__{name}__Key and __Role), one per role to try.</summary>
public sealed class CallerAuthenticator(IOptions<AdminOptions> options)
{
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";
    public const string DevelopmentKeyHeader = "x-hub-dev-key";

    private string Role => options.Value.Role is { Length: > 0 } r ? r : "Hub.Admin";
    private string ViewerRole => options.Value.ViewerRole is { Length: > 0 } r ? r : "Hub.Viewer";
    private string? DevelopmentKey => options.Value.DevelopmentKey is { Length: > 0 } k ? k : null;

    public bool PlatformAuthenticationEnabled => options.Value.PlatformAuthenticationEnabled;

    public (Caller? Principal, IResult? Failure) Authenticate(Func<string, string?> header)
    {
        if ((DevelopmentKey is not null || options.Value.DevelopmentIdentities.Count > 0) && header(DevelopmentKeyHeader) is { } given)
        {
            if (DevelopmentKey is { } devKey && FixedTimeEquals(given, devKey)) return (new Caller("developer", [Role]) { IsAdministrator = true }, null);
            // Every identity compared, so that the time taken does not tell which one came close.
            Caller? match = null;
            foreach (var (name, identity) in options.Value.DevelopmentIdentities)
                if (identity.Key is { Length: > 0 } key && FixedTimeEquals(given, key) && identity.Role is { Length: > 0 } role)
                    match = new Caller(name, [role]);
            return match is null ? (null, Answer.Problem(401, "Unauthorized", "The development key is wrong.")) : Authorize(match);
        }
        var encoded = header(PrincipalHeader);
        if (!string.IsNullOrEmpty(encoded) && !PlatformAuthenticationEnabled)
            return (null, Answer.Problem(401, "Unauthorized", $"{PrincipalHeader} is not accepted here: App Service authentication is not enabled on this host, so anyone could have written it."));
        if (string.IsNullOrEmpty(encoded))
            return (null, Answer.Problem(401, "Unauthorized", $"Sign in: the request carries no {PrincipalHeader} (App Service authentication) and no development key."));
        Caller principal;
        try { principal = Parse(encoded); }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (null, Answer.Problem(401, "Unauthorized", $"{PrincipalHeader} is not a valid client principal."));
        }
        if (Hub.Domain.Text.SafeText.Problem("principal name", principal.Name) is { } unsafeName)
            return (null, Answer.Problem(400, "Bad request", unsafeName));
        return Authorize(principal);
    }

    private (Caller?, IResult?) Authorize(Caller principal)
    {
        if (principal.Roles.Contains(Role, StringComparer.OrdinalIgnoreCase)) return (principal with { IsAdministrator = true }, null);
        if (principal.Roles.Contains(ViewerRole, StringComparer.OrdinalIgnoreCase)) return (principal with { IsAdministrator = false }, null);
        return (null, Answer.Problem(403, "Forbidden", $"'{principal.Name}' has neither the '{Role}' nor the '{ViewerRole}' role."));
    }

    /// <summary>Decodes App Service authentication's client principal: {auth_typ, claims:[{typ,val}], name_typ, role_typ}.</summary>
    public static Caller Parse(string base64)
    {
        using var doc = JsonDocument.Parse(Convert.FromBase64String(base64));
        var root = doc.RootElement;
        var nameType = root.TryGetProperty("name_typ", out var nt) ? nt.GetString() : "name";
        var roleType = root.TryGetProperty("role_typ", out var rt) ? rt.GetString() : "roles";
        var claims = root.GetProperty("claims").EnumerateArray().Select(c => (Type: c.GetProperty("typ").GetString(), Value: c.GetProperty("val").GetString() ?? "")).ToList();
        var name = claims.FirstOrDefault(c => c.Type == nameType || c.Type == "name").Value ?? "unknown";
        var roles = claims.Where(c => c.Type == roleType || c.Type == "roles" || c.Type == "http://schemas.microsoft.com/ws/2008/06/identity/claims/role").Select(c => c.Value).ToList();
        return new Caller(string.IsNullOrEmpty(name) ? "unknown" : name, roles);
    }

    public static string Encode(string name, params string[] roles) => Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
    {
        auth_typ = "aad",
        name_typ = "name",
        role_typ = "roles",
        claims = new[] { new { typ = "name", val = name } }.Concat(roles.Select(r => new { typ = "roles", val = r })),
    })));

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
