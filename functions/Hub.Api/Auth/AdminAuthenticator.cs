using Hub.Api.Routes;
using Microsoft.AspNetCore.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Hub.Api.Auth;

public sealed record AdminPrincipal(string Name, IReadOnlyList<string> Roles);

/// <summary>Who may call the administrators' API. In Azure the host has already checked the function key; App Service
/// authentication then passes the signed-in user as X-MS-CLIENT-PRINCIPAL (base64 JSON), which must carry the admin
/// role. The header is believed only where the platform says its authentication is on (WEBSITE_AUTH_ENABLED=True):
/// there the platform strips any client-sent copy; anywhere else anyone can write it. Locally (`hub serve`,
/// `func start`) a configured development key (header x-hub-dev-key) stands in for both.</summary>
public sealed class AdminAuthenticator(IOptions<AdminOptions> options)
{
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";
    public const string DevelopmentKeyHeader = "x-hub-dev-key";

    private string Role => options.Value.Role is { Length: > 0 } r ? r : "Hub.Admin";
    private string? DevelopmentKey => options.Value.DevelopmentKey is { Length: > 0 } k ? k : null;

    public bool PlatformAuthenticationEnabled => options.Value.PlatformAuthenticationEnabled;

    public (AdminPrincipal? Principal, IResult? Failure) Authenticate(Func<string, string?> header)
    {
        if (DevelopmentKey is { } devKey && header(DevelopmentKeyHeader) is { } given)
        {
            return FixedTimeEquals(given, devKey)
                ? (new AdminPrincipal("developer", [Role]), null)
                : (null, Answer.Problem(401, "Unauthorized", "The development key is wrong."));
        }
        var encoded = header(PrincipalHeader);
        if (!string.IsNullOrEmpty(encoded) && !PlatformAuthenticationEnabled)
            return (null, Answer.Problem(401, "Unauthorized", $"{PrincipalHeader} is not accepted here: App Service authentication is not enabled on this host, so anyone could have written it."));
        if (string.IsNullOrEmpty(encoded))
            return (null, Answer.Problem(401, "Unauthorized", $"Sign in: the request carries no {PrincipalHeader} (App Service authentication) and no development key."));
        AdminPrincipal principal;
        try { principal = Parse(encoded); }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (null, Answer.Problem(401, "Unauthorized", $"{PrincipalHeader} is not a valid client principal."));
        }
        if (Hub.Domain.Text.SafeText.Problem("principal name", principal.Name) is { } unsafeName)
            return (null, Answer.Problem(400, "Bad request", unsafeName));
        return principal.Roles.Contains(Role, StringComparer.OrdinalIgnoreCase)
            ? (principal, null)
            : (null, Answer.Problem(403, "Forbidden", $"'{principal.Name}' does not have the '{Role}' role."));
    }

    /// <summary>Decodes App Service authentication's client principal: {auth_typ, claims:[{typ,val}], name_typ, role_typ}.</summary>
    public static AdminPrincipal Parse(string base64)
    {
        using var doc = JsonDocument.Parse(Convert.FromBase64String(base64));
        var root = doc.RootElement;
        var nameType = root.TryGetProperty("name_typ", out var nt) ? nt.GetString() : "name";
        var roleType = root.TryGetProperty("role_typ", out var rt) ? rt.GetString() : "roles";
        var claims = root.GetProperty("claims").EnumerateArray().Select(c => (Type: c.GetProperty("typ").GetString(), Value: c.GetProperty("val").GetString() ?? "")).ToList();
        var name = claims.FirstOrDefault(c => c.Type == nameType || c.Type == "name").Value ?? "unknown";
        var roles = claims.Where(c => c.Type == roleType || c.Type == "roles" || c.Type == "http://schemas.microsoft.com/ws/2008/06/identity/claims/role").Select(c => c.Value).ToList();
        return new AdminPrincipal(string.IsNullOrEmpty(name) ? "unknown" : name, roles);
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
